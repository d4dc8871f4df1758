// Compares satlint's verdicts with other linters' own test fixtures (../shared/conformance), as
// ../shared/conformance/README.md describes. Used by `pnpm conformance` and test/conformance.test.ts.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, rules } from '@satlint/core';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The conformance folder, or null when this checkout has no ../shared beside it. */
export function conformanceDir() {
  const dir = process.env.SATLINT_CONFORMANCE_DIR ?? join(repoRoot, '..', 'shared', 'conformance');
  return existsSync(join(dir, 'expectations.json')) ? dir : null;
}

/** Accepted divergences: id → reason. */
export function acceptedDivergences() {
  const list = JSON.parse(readFileSync(join(repoRoot, 'conformance', 'accepted-divergences.json'), 'utf8'));
  return new Map(list.map((d) => [d.id, d.reason]));
}

function matchesResource(message, expected) {
  if (expected === null) return true;
  const [kind, namespace, ...rest] = expected.split('/');
  const name = rest.join('/');
  const r = message.resource;
  if (!r || r.kind !== kind || r.name !== name) return false;
  return namespace === '' || r.namespace === namespace;
}

/** Runs every expectation; returns rows with outcome agree | disagree | not-implemented | not-comparable. */
export function runConformance(dir) {
  const expectations = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8'));
  const mapping = JSON.parse(readFileSync(join(dir, 'mapping.json'), 'utf8'));
  const implemented = new Set(rules.map((r) => r.meta.id));
  const cache = new Map();
  const rows = [];
  for (const e of expectations) {
    const key = `${e.tool} | ${e.check}`;
    const map = mapping[key];
    const base = { tool: e.tool, check: e.check, file: e.file, resource: e.resource, verdict: e.verdict };
    const id = `${key} | ${e.file} | ${e.resource ?? '(file)'}`;
    if (!map || map.rules.length === 0) {
      rows.push({ ...base, id, outcome: 'not-comparable' });
      continue;
    }
    const missing = map.rules.filter((r) => !implemented.has(r));
    if (missing.length > 0) {
      rows.push({ ...base, id, outcome: 'not-implemented', missing });
      continue;
    }
    const files = [e.file, ...(e.context_files ?? [])];
    const config = { rules: Object.fromEntries(map.rules.map((r) => [r, ['error', map.options?.[r] ?? {}]])), reportUnusedSuppressions: 'off' };
    const cacheKey = JSON.stringify([files, config]);
    let results = cache.get(cacheKey);
    if (!results) {
      results = lint(
        files.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') })),
        { config },
      );
      cache.set(cacheKey, results);
    }
    const messages = results[0].messages.filter(
      (m) => map.rules.includes(m.ruleId) && matchesResource(m, e.resource) && (map.messageIncludes === undefined || m.message.includes(map.messageIncludes)),
    );
    const satlint = messages.length > 0 ? 'fail' : 'pass';
    rows.push({ ...base, id, outcome: satlint === e.verdict ? 'agree' : 'disagree', satlint, findings: messages.map((m) => `${m.ruleId}@${m.line}`) });
  }
  return rows;
}

/** Per-tool counts. */
export function summarize(rows) {
  const byTool = new Map();
  for (const r of rows) {
    const t = byTool.get(r.tool) ?? { agree: 0, disagree: 0, 'not-implemented': 0, 'not-comparable': 0, total: 0 };
    t[r.outcome]++;
    t.total++;
    byTool.set(r.tool, t);
  }
  return byTool;
}
