import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
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

/** Loads the custom rules a config file names (paths relative to the config, or package names). */
export async function loadPlugins(specs: readonly string[], configPath: string): Promise<AnyRule[]> {
  const base = dirname(configPath);
  const require = createRequire(resolve(base, 'satlint.config.yaml'));
  const out: AnyRule[] = [];
  for (const spec of specs) {
    let url: string;
    try {
      url = /^\.{1,2}[\\/]|^\//.test(spec) ? pathToFileURL(resolve(base, spec)).href : pathToFileURL(require.resolve(spec)).href;
    } catch {
      throw new UsageError(`Plugin ${spec} (in ${configPath}) cannot be found`);
    }
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
