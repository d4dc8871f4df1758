import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { AnyRule, SatlintConfig } from '@satlint/core';
import { validateConfig } from '@satlint/core/adapter';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

/** A loaded config: the validated object, the plugin rules, and where each plugin came from. */
export interface LoadedConfig {
  config: SatlintConfig;
  plugins: AnyRule[];
  /** The file each plugin module was loaded from, in the order of `config.plugins`. */
  pluginFiles: string[];
}

/**
 * Reads and validates a config file, loading the custom rules it names (from the config's own
 * directory tree, or from a `pluginDirs` directory); any problem is a UsageError naming the file and key.
 */
export async function loadConfig(path: string, rules: readonly AnyRule[], pluginDirs: readonly string[] = []): Promise<LoadedConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read config ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new UsageError(`Invalid config ${path}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`);
  }
  const value: unknown = doc.toJS() ?? {};
  const specs = (value as { plugins?: unknown }).plugins;
  const pluginFiles: string[] = [];
  const plugins = Array.isArray(specs) && specs.every((x) => typeof x === 'string') ? await (await import('./plugins.js')).loadPlugins(specs, path, { pluginDirs, files: pluginFiles }) : [];
  return { config: checked(value, [...rules, ...plugins], path), plugins, pluginFiles };
}

/** Validates a config object, throwing a UsageError that lists each offending key. */
export function checked(value: unknown, rules: readonly AnyRule[], where: string): SatlintConfig {
  const { config, problems } = validateConfig(value, rules);
  if (problems.length > 0) {
    const ids = rules.map((r) => r.meta.id);
    const list = problems.slice(0, 5).map((p) => {
      const unknown = /^unknown rule "(.*)"$/.exec(p.message);
      const hint = unknown ? didYouMean(unknown[1]!, ids) : '';
      return `${p.path}: ${p.message}${hint ? `.${hint}` : ''}`;
    });
    throw new UsageError(`Invalid config ${where}: ${list.join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
  return config;
}
