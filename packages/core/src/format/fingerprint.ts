import type { LintMessage, LintResult } from '../types.js';
import { relativeTo } from './paths.js';

/** FNV-1a, 64 bits, over UTF-16 code units: pure, fast, stable across platforms. */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64, in 32-bit halves
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) % 0x100000000;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * What identifies a finding independently of where its lines are: the rule, the file (relative),
 * the resource, the path inside it, the message id and the finding's substance (the permissions a
 * grant gives, a flag's value: {@link LintMessage.substance}). Findings without a resource (parse
 * problems) use their message text instead.
 */
export function fingerprintKey(m: LintMessage, relativePath: string): string {
  const r = m.resource;
  const who = r ? `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}` : m.message;
  return [m.ruleId ?? 'satlint', relativePath, who, m.path ?? '', m.messageId ?? '', m.substance ?? ''].join('\u0000');
}

/**
 * A fingerprint per message of each result, in message order: a hash of {@link fingerprintKey}
 * plus an occurrence number, so two identical findings in one file stay distinct. Lines can move
 * without changing any fingerprint.
 */
export function fingerprints(results: readonly LintResult[], cwd?: string): Map<LintMessage, string> {
  const out = new Map<LintMessage, string>();
  for (const r of results) {
    const rel = relativeTo(r.filePath, cwd);
    const seen = new Map<string, number>();
    for (const m of r.messages) {
      const base = fnv1a64(fingerprintKey(m, rel));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.set(m, `${base}:${n}`);
    }
  }
  return out;
}
