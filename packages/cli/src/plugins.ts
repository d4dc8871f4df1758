import { createRequire } from 'node:module';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules as registry, type AnyRule } from '@satlint/core';
import { UsageError } from './errors.js';

function isRule(x: unknown): x is AnyRule {
  const r = x as AnyRule | null;
  return typeof r === 'object' && r !== null && typeof r.check === 'function' && typeof r.meta?.id === 'string' && typeof r.meta.messages === 'object';
}

/** The rules a plugin module exports: a rule, a list of rules, or `{ rules }` (a list or a map). */
function rulesOf(mod: Record<string, unknown>, spec: string): AnyRule[] {
  const candidates = [mod['default'], mod];
  for (const c of candidates) {
    if (isRule(c)) return [c];
    if (Array.isArray(c) && c.every(isRule)) return c;
    const inner = (c as { rules?: unknown } | undefined)?.rules;
    if (Array.isArray(inner) && inner.every(isRule)) return inner;
    if (inner && typeof inner === 'object' && Object.values(inner).every(isRule)) return Object.values(inner) as AnyRule[];
  }
  throw new UsageError(`Plugin ${spec} exports no satlint rule (export a defineRule() result, a list of them, or { rules })`);
}

const PROVIDED_IMPORT = Symbol.for('satlint.import');

/**
 * import(), or the one hook/satlint.cjs provides: it runs the one-file CLI from V8's code cache
 * (vm.Script), and code compiled that way has no import() of its own in Node 20 without an
 * experimental flag.
 */
function importModule(url: string): Promise<unknown> {
  const provided = (globalThis as Record<symbol, unknown>)[PROVIDED_IMPORT] as ((u: string) => Promise<unknown>) | undefined;
  return provided ? provided(url) : import(url);
}

/** True when `file` is `dir` or inside it. */
export function isInside(file: string, dir: string): boolean {
  const r = relative(dir, file);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** How {@link loadPlugins} treats a plugin module outside the config file's directory tree. */
export interface PluginTrust {
  /**
   * Directories (absolute) that plugins may also be loaded from, given on the command line with
   * --plugin-dir.
   */
  pluginDirs: readonly string[];
  /** Filled in: the file each plugin was loaded from, in order. */
  files?: string[];
}

/**
 * Loads the custom rules a config file names (paths relative to the config, or package names).
 * Loading a plugin runs its code, so a module outside the config file's directory tree (an absolute
 * or `../` path, or a package that resolves above the config, as a config file in a shared parent
 * directory would name) is refused unless a --plugin-dir contains it.
 */
export async function loadPlugins(specs: readonly string[], configPath: string, trust: PluginTrust): Promise<AnyRule[]> {
  const base = dirname(configPath);
  const require = createRequire(resolve(base, 'satlint.config.yaml'));
  const out: AnyRule[] = [];
  for (const spec of specs) {
    let url: string;
    let file: string;
    try {
      file = /^\.{1,2}[\\/]|^\//.test(spec) ? resolve(base, spec) : require.resolve(spec);
      url = pathToFileURL(file).href;
    } catch {
      throw new UsageError(`Plugin ${spec} (in ${configPath}) cannot be found`);
    }
    if (!isInside(file, base) && !trust.pluginDirs.some((d) => isInside(file, d))) {
      throw new UsageError(`Plugin ${spec} (in ${configPath}) is outside the config file's directory (${file}); a plugin runs code, so satlint loads one from elsewhere only with --plugin-dir ${dirname(file)}`);
    }
    trust.files?.push(file);
    let mod: Record<string, unknown>;
    try {
      mod = (await importModule(url)) as Record<string, unknown>;
    } catch (err) {
      throw new UsageError(`Plugin ${spec} (in ${configPath}) failed to load: ${(err as Error).message.split('\n')[0]}`);
    }
    for (const rule of rulesOf(mod, spec)) {
      const id = rule.meta.id;
      if (registry.some((r) => r.meta.id === id) || out.some((r) => r.meta.id === id)) throw new UsageError(`Plugin ${spec} defines rule "${id}", which another rule already uses`);
      out.push(rule);
    }
  }
  return out;
}
