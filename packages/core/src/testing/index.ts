import type { AnyRule } from '../rule.js';
import type { LintMessage, SatlintConfig } from '../index.js';
import { lint, allRules } from '../lint.js';
import { applyFixes } from '../fix/edits.js';
import { schemaProblems } from '../config/json-schema.js';

/** Strips the common indentation and the first and last blank lines of a template literal. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')}\n`;
}

/** A case the rule must accept. */
export interface ValidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
  /** Other files linted in the same run (ServiceAccounts, bindings…). */
  context?: string[];
  settings?: SatlintConfig['settings'];
  filename?: string;
}

/** One expected finding. */
export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The JSON path reported, when the case wants to pin it. */
  path?: string;
  /**
   * The finding's suggestions, each with the exact text the file has once it is applied (and the
   * kind: `migration` or `suggestion`). Omitted: not checked; `[]`: the finding has none.
   */
  suggestions?: { messageId: string; kind?: 'migration' | 'suggestion'; output: string }[];
}

/** A case the rule must report, with exact positions and the fixed output (null: no fix). */
export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  output: string | null;
}

type Describe = (name: string, fn: () => void) => void;
type It = (name: string, fn: () => void) => void;

function fail(message: string, expected: unknown, actual: unknown): never {
  throw new Error(`${message}\nexpected: ${JSON.stringify(expected, null, 2)}\nactual:   ${JSON.stringify(actual, null, 2)}`);
}

/**
 * Runs valid/invalid tables against one rule, asserting message ids, exact positions and fix output;
 * the fixed output is linted again and must hold no fixable finding of the rule. Test frameworks are
 * injected (`RuleTester.describe` / `RuleTester.it`, defaulting to the globals).
 */
export class RuleTester {
  static describe: Describe | undefined;
  static it: It | undefined;

  run(name: string, rule: AnyRule, tests: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): void {
    const g = globalThis as { describe?: Describe; it?: It };
    const describe: Describe = RuleTester.describe ?? g.describe ?? ((_n, fn) => fn());
    const it: It = RuleTester.it ?? g.it ?? ((_n, fn) => fn());
    // As ESLint's RuleTester does: the rule's defaults and every case's options must fit its schema.
    const defaults = schemaProblems(rule.meta.schema, rule.meta.defaultOptions);
    if (defaults.length > 0) throw new Error(`Rule ${rule.meta.id}: defaultOptions do not match its schema:\n  ${defaults.join('\n  ')}`);
    const checkOptions = (c: ValidCase, label: string) => {
      const problems = c.options === undefined ? [] : schemaProblems(rule.meta.schema, c.options);
      if (problems.length > 0) throw new Error(`${label}: options do not match the schema of ${rule.meta.id}:\n  ${problems.join('\n  ')}`);
    };
    describe(name, () => {
      describe('valid', () => {
        tests.valid.forEach((t, i) => {
          const c = typeof t === 'string' ? { code: t } : t;
          it(c.name ?? `valid #${i}`, () => {
            checkOptions(c, c.name ?? `valid #${i}`);
            const msgs = run(rule, c);
            if (msgs.length > 0) fail(`valid case reported findings`, [], msgs.map((m) => summary(m)));
          });
        });
      });
      describe('invalid', () => {
        tests.invalid.forEach((c, i) => {
          it(c.name ?? `invalid #${i}`, () => {
            checkOptions(c, c.name ?? `invalid #${i}`);
            const msgs = run(rule, c);
            const actual = msgs.map((m, j) => summary(m, c.errors[j]?.path !== undefined, c.errors[j]?.suggestions !== undefined ? c.code : undefined));
            const expected = c.errors.map((e) => ({ ...e, ...(e.suggestions ? { suggestions: e.suggestions.map((s) => ({ messageId: s.messageId, kind: s.kind ?? 'migration', output: s.output })) } : {}) }));
            if (JSON.stringify(actual) !== JSON.stringify(expected)) fail('findings differ', expected, actual);
            const fixed = run(rule, c, true);
            const output = fixed.output ?? null;
            if (output !== c.output) fail('fix output differs', c.output, output);
            for (const [j, e] of c.errors.entries()) {
              // An applied suggestion must itself lint clean of this finding's rule fixes and parse.
              for (const sg of e.suggestions ?? []) {
                const after = run(rule, { ...c, code: sg.output });
                const fatal = after.find((m) => m.fatal);
                if (fatal) fail(`suggestion ${sg.messageId} of error #${j} leaves a file that does not parse`, [], [fatal.message]);
              }
            }
            if (output !== null) {
              const again = run(rule, { ...c, code: output }, true);
              if (again.output !== undefined) fail('a second fix pass changed the output again', output, again.output);
              if (again.msgs.some((m) => m.fix)) fail('fixed output still has fixable findings', [], again.msgs.map((m) => summary(m)));
            }
          });
        });
      });
    });
  }
}

function summary(m: LintMessage, withPath = false, code?: string): Record<string, unknown> {
  return {
    messageId: m.messageId ?? `(${m.message})`,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    ...(withPath ? { path: m.path } : {}),
    ...(code !== undefined ? { suggestions: (m.suggestions ?? []).map((s) => ({ messageId: s.messageId, kind: s.kind, output: applyFixes(code, [{ suggestions: [s] }], [s.kind]).output })) } : {}),
  };
}

function run(rule: AnyRule, c: ValidCase, fix: true): { msgs: LintMessage[]; output: string | undefined };
function run(rule: AnyRule, c: ValidCase): LintMessage[];
function run(rule: AnyRule, c: ValidCase, fix?: true): LintMessage[] | { msgs: LintMessage[]; output: string | undefined } {
  const builtin = allRules();
  const plugins = builtin.some((r) => r === rule) ? [] : [rule];
  const rulesConfig: SatlintConfig['rules'] = {};
  for (const r of builtin) rulesConfig[r.meta.id] = 'off';
  rulesConfig[rule.meta.id] = ['error', c.options ?? {}];
  const sources = [{ path: c.filename ?? 'test.yaml', text: c.code }, ...(c.context ?? []).map((text, i) => ({ path: `context-${i}.yaml`, text }))];
  const results = lint(sources, {
    config: { rules: rulesConfig, ...(c.settings ? { settings: c.settings } : {}), reportUnusedSuppressions: 'off' },
    plugins,
    ...(fix ? { fix: true } : {}),
    now: new Date('2026-06-01T00:00:00Z'),
  });
  const first = results[0]!;
  const msgs = first.messages.filter((m) => m.ruleId === rule.meta.id || m.fatal);
  return fix ? { msgs, output: first.output } : msgs;
}
