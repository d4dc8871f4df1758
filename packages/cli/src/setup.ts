import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AnyRule, RuleEntry, SatlintConfig } from '@satlint/core';
import { allRules } from '@satlint/core/adapter';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { UsageError } from './errors.js';
import { searchConfig } from './config-search.js';
import { checked, loadConfig } from './config.js';

/** Where the run's configuration comes from, and a `--debug` line writer. */
export interface ConfigLocation {
  configPath: string | undefined;
  pluginDirs: string[];
  debug: (s: string) => void;
}

/** The configuration file (--config, else found upward from the working directory), said under --debug. */
export function locateConfig(opts: CliOptions, io: CliIo): ConfigLocation {
  const debug = (s: string) => {
    if (opts.debug) io.stderr(`satlint: debug: ${s}\n`);
  };
  const pluginDirs = opts.pluginDir.map((d) => resolve(io.cwd, d));
  if (opts.config !== undefined) {
    const configPath = resolve(io.cwd, opts.config);
    debug(`config ${configPath} (--config)`);
    return { configPath, pluginDirs, debug };
  }
  const search = searchConfig(io.cwd, io.env['HOME'] ?? io.env['USERPROFILE']);
  if (search.path) debug(`config ${search.path} (found upward from ${io.cwd})`);
  else debug(`no config file (searched ${search.searched.join(', ')}; ${search.stop === 'repository root' || search.stop === 'home directory' ? `the search stops at the ${search.stop}` : 'no repository root or home directory above it, so only the working directory'}): rules use the recommended preset`);
  return { configPath: search.path, pluginDirs, debug };
}

/** The run's validated configuration (with --rule flags applied), its plugin rules and every rule. */
export interface Setup {
  config: SatlintConfig;
  plugins: AnyRule[];
  /** The file each plugin module was loaded from, in the order of `config.plugins`. */
  pluginFiles: string[];
  rules: AnyRule[];
  /** The directory config globs are relative to: the config file's, else the working directory. */
  basePath: string;
}

/** Loads the config file and its plugins and applies `--rule` flags; every problem is a UsageError. */
export async function loadSetup(opts: CliOptions, io: CliIo, where: ConfigLocation): Promise<Setup> {
  const { configPath } = where;
  const loaded = configPath ? await loadConfig(configPath, allRules(), where.pluginDirs) : { config: {} as SatlintConfig, plugins: [], pluginFiles: [] };
  loaded.pluginFiles.forEach((file, i) => where.debug(`plugin ${loaded.config.plugins?.[i] ?? file} loaded from ${file}`));
  if (loaded.plugins.length > 0) where.debug(`plugin rules: ${loaded.plugins.map((r) => r.meta.id).join(', ')}`);
  const rules = allRules(loaded.plugins);
  const config = withRuleFlags(loaded.config, opts.rule, rules);
  return { config, plugins: loaded.plugins, pluginFiles: loaded.pluginFiles, rules, basePath: configPath ? dirname(configPath) : io.cwd };
}

/** The config with `--rule` flags over its `rules`, validated again. */
export function withRuleFlags(config: SatlintConfig, flags: readonly string[], rules: readonly AnyRule[]): SatlintConfig {
  if (flags.length === 0) return config;
  return checked({ ...config, rules: { ...(config.rules ?? {}), ...ruleFlags(flags) } }, rules, '(--rule)');
}

function ruleFlags(flags: readonly string[]): Record<string, RuleEntry> {
  // No prototype: `--rule '__proto__: off'` is a (wrong) rule id, not a prototype to set.
  const out = Object.create(null) as Record<string, RuleEntry>;
  for (const f of flags) {
    let v: unknown;
    try {
      v = parseYaml(f);
      // 'id:off' (no space, as ESLint accepts it) is one YAML scalar: read it as 'id: off'.
      const tight = typeof v === 'string' ? /^([A-Za-z0-9@/._-]+):(\S.*)$/.exec(v) : null;
      if (tight) v = parseYaml(`${tight[1]}: ${tight[2]}`);
    } catch {
      v = undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`--rule takes 'rule-id: off|warn|error', not "${f}"`);
    Object.assign(out, v);
  }
  return out;
}
