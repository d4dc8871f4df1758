import type { AnyRule } from '../rule.js';
import type { SatlintConfig } from './index.js';
import validateGenerated from './validate.generated.js';
import { schemaProblems } from './json-schema.js';
import { rules as builtIn } from '../rules/index.js';

/** A problem in a configuration file, naming the key. */
export interface ConfigProblem {
  /** JSON pointer-ish path of the offending key, e.g. `rules.no-automount-token`. */
  path: string;
  message: string;
}

const BUILT_IN: ReadonlySet<string> = new Set(builtIn.map((r) => r.meta.id));

/** A configuration that does not validate, with every problem found. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(where: string, problems: readonly ConfigProblem[]) {
    super(`Invalid satlint configuration (${where}):\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Throws a {@link ConfigError} naming every problem of `value` (from `where`: a file, `lint() options`…). */
export function assertValidConfig(value: unknown, rules: readonly AnyRule[], where: string): SatlintConfig {
  const { config, problems } = validateConfig(value, rules);
  if (problems.length > 0) throw new ConfigError(where, problems);
  return config;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/**
 * Validates a configuration object against the schema generated from rule metadata (compiled to a
 * standalone validator at build time, so no schema is compiled at start-up). Unknown rule ids are
 * checked against `rules`, which may include custom rules.
 */
export function validateConfig(value: unknown, rules: readonly AnyRule[]): { config: SatlintConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const validate = validateGenerated as unknown as Validator;
  if (!validate(value)) {
    const errs = validate.errors ?? [];
    // anyOf produces one error per branch; the most specific (deepest) ones say the most.
    const deepest = Math.max(...errs.map((e) => e.instancePath.length));
    const seen = new Set<string>();
    for (const e of errs) {
      if (e.keyword === 'anyOf' && errs.length > 1) continue;
      // A severity written wrong fails every anyOf branch; the enum error is the one that helps.
      if (e.keyword !== 'enum' && errs.some((o) => o.keyword === 'enum' && o.instancePath === e.instancePath)) continue;
      if (e.instancePath.length < deepest && errs.some((o) => o.instancePath.startsWith(e.instancePath) && o.instancePath.length > e.instancePath.length)) continue;
      const at = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)';
      let message = e.message ?? 'is invalid';
      if (e.keyword === 'additionalProperties') message = `unknown key "${String(e.params['additionalProperty'])}"`;
      if (e.keyword === 'enum') message = `must be one of ${(e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      const line = `${at}: ${message}`;
      if (!seen.has(line)) {
        seen.add(line);
        problems.push({ path: at, message });
      }
    }
  }
  const known = new Set(rules.map((r) => r.meta.id));
  const checkIds = (obj: unknown, where: string): void => {
    if (obj === null || typeof obj !== 'object') return;
    for (const id of Object.keys(obj)) if (!known.has(id)) problems.push({ path: `${where}.${id}`, message: `unknown rule "${id}"` });
  };
  // Custom rules' options are checked against their own schemas (the compiled validator knows the built-in ones).
  const custom = new Map(rules.filter((r) => !BUILT_IN.has(r.meta.id)).map((r) => [r.meta.id, r]));
  const checkCustomOptions = (obj: unknown, where: string): void => {
    if (custom.size === 0 || obj === null || typeof obj !== 'object') return;
    for (const [id, entry] of Object.entries(obj)) {
      const rule = custom.get(id);
      if (!rule || !Array.isArray(entry) || entry.length < 2) continue;
      for (const p of schemaProblems(rule.meta.schema, entry[1], '')) {
        const cut = p.indexOf(': ');
        const key = p.slice(0, cut);
        problems.push({ path: `${where}.${id}.1${key === '(options)' ? '' : `.${key}`}`, message: p.slice(cut + 2) });
      }
    }
  };
  if (value !== null && typeof value === 'object') {
    const v = value as SatlintConfig;
    checkIds(v.rules, 'rules');
    checkCustomOptions(v.rules, 'rules');
    (Array.isArray(v.overrides) ? v.overrides : []).forEach((o, i) => {
      checkIds(o?.rules, `overrides.${i}.rules`);
      checkCustomOptions(o?.rules, `overrides.${i}.rules`);
    });
    (Array.isArray(v.ignores) ? v.ignores : []).forEach((ig, i) => {
      if (typeof ig?.rule === 'string' && ig.rule !== '*' && !known.has(ig.rule)) problems.push({ path: `ignores.${i}.rule`, message: `unknown rule "${ig.rule}"` });
    });
  }
  return { config: (problems.length === 0 ? value : {}) as SatlintConfig, problems };
}
