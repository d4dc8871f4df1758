import type { LintResult, Resource } from '../types.js';
import { containersOf, podSpecsOf } from '../model/index.js';
import { isRecord } from '../path.js';
import { decodeSecretData } from '../rules/no-static-cloud-credentials/index.js';
import { isSecretFlag } from './looks-secret.js';

/** What a masked Secret value is printed as. */
export const MASK = '<masked>';

// Env values that cannot be secret and are too common to replace in a fix text.
const INERT_ENV = /^(?:true|false|yes|no|on|off|null)$/i;

/**
 * The values a report must never print: every `data`/`stringData` value of a Secret (and its
 * decoded text, line by line), every env variable's value whatever its name says (as the excerpts
 * of the HTML report mask them), and the argument after a secret-named flag (`--api-token X`,
 * `--db-password=X`) in a container's command or args. Edits that span
 * them (a fix or suggestion merged across a container's env, the `output` of --fix-dry-run) are
 * printed with them masked.
 */
export function secretValuesOf(resources: readonly Resource[]): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    for (const part of [v, ...v.split(/\r?\n/)]) if (part.trim().length >= 4) out.add(part.trim());
  };
  for (const r of resources) {
    if (r.kind === 'Secret') {
      for (const field of ['data', 'stringData']) {
        const m = r.object[field];
        if (!isRecord(m)) continue;
        for (const v of Object.values(m)) {
          add(v);
          if (field === 'data' && typeof v === 'string') add(decodeSecretData(v));
        }
      }
    }
    for (const pod of podSpecsOf(r)) {
      for (const c of containersOf(pod)) {
        const env = c.container['env'];
        if (Array.isArray(env)) for (const e of env) if (isRecord(e) && typeof e['value'] === 'string' && !INERT_ENV.test(e['value'].trim())) add(e['value']);
        for (const field of ['command', 'args']) {
          const list = c.container[field];
          if (!Array.isArray(list)) continue;
          list.forEach((a, i) => {
            if (typeof a !== 'string') return;
            const eq = a.indexOf('=');
            // As the excerpts judge them: a path is where a secret is, and a flag is never the value of the one before.
            const next = list[i + 1];
            if (eq > 0 && isSecretFlag(a.slice(0, eq)) && !a.startsWith('/', eq + 1)) add(a.slice(eq + 1));
            else if (isSecretFlag(a) && typeof next === 'string' && !next.startsWith('-') && !next.startsWith('/')) add(next);
          });
        }
      }
    }
  }
  // Longest first, so a value containing another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

function maskText(text: string, secrets: readonly string[]): string {
  let t = text;
  for (const s of secrets) if (t.includes(s)) t = t.split(s).join(MASK);
  return t;
}

/**
 * A result as reports print it: fix and suggestion texts and `output` with the file's Secret values
 * masked, and without the list of values itself. Apply fixes from {@link lint}'s own results, not from
 * a printed report.
 */
export function maskResult(r: LintResult): LintResult {
  const secrets = r.secrets;
  if (!secrets) return r;
  const { secrets: _s, ...rest } = r;
  if (secrets.length === 0) return rest;
  const mask = <M extends LintResult['messages'][number]>(m: M): M => {
    if (!m.fix && !m.suggestions) return m;
    return {
      ...m,
      ...(m.fix ? { fix: { range: m.fix.range, text: maskText(m.fix.text, secrets) } } : {}),
      ...(m.suggestions ? { suggestions: m.suggestions.map((s) => ({ ...s, fix: { range: s.fix.range, text: maskText(s.fix.text, secrets) } })) } : {}),
    };
  };
  // Suppressed findings are printed too (JSON, SARIF suppressions): their edits are masked the same way.
  const messages = r.messages.map(mask);
  const suppressedMessages = r.suppressedMessages.map(mask);
  return { ...rest, messages, suppressedMessages, ...(r.output !== undefined ? { output: maskText(r.output, secrets) } : {}) };
}
