import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { LintMessage, LintResult, SuppressedMessage } from '@satlint/core';
import { fingerprints, withCounts } from '@satlint/core/adapter';
import { UsageError } from './errors.js';
import { writeAtomic } from './write.js';

/**
 * A baseline file: the findings a team accepted when it adopted satlint. Version 2 fingerprints
 * include a finding's substance (the permissions a grant gives, a flag's value); version 1 ones
 * did not, so a version 1 file is refused with a request to rewrite it.
 */
interface BaselineFile {
  satlint: 'baseline';
  version: 2;
  findings: { fingerprint: string; ruleId: string | null; file: string; line: number }[];
}

/** Fingerprints are taken relative to the baseline's directory, so it works from any working directory. */
function printsFor(results: readonly LintResult[], baselinePath: string): Map<LintMessage, string> {
  return fingerprints(results, dirname(baselinePath));
}

/** Writes every current finding to `path`; returns how many. */
export function writeBaseline(path: string, results: readonly LintResult[]): number {
  const prints = printsFor(results, path);
  const base = dirname(path);
  const findings: BaselineFile['findings'] = [];
  for (const r of results) {
    for (const m of r.messages) findings.push({ fingerprint: prints.get(m)!, ruleId: m.ruleId, file: relative(base, r.filePath).replace(/\\/g, '/'), line: m.line });
  }
  const data: BaselineFile = { satlint: 'baseline', version: 2, findings };
  const problem = writeAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { create: true });
  if (problem) throw new UsageError(problem);
  return findings.length;
}

/** What applying a baseline did. */
export interface BaselineOutcome {
  results: LintResult[];
  /** Findings that the baseline accepted (not reported). */
  baselined: number;
  /** Baseline entries that match no current finding (fixed or changed since). */
  stale: number;
}

function readBaseline(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read baseline ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`Baseline ${path} is not JSON: ${(err as Error).message}`);
  }
  const d = data as Partial<Omit<BaselineFile, 'version'>> & { version?: unknown };
  if (d.satlint === 'baseline' && d.version === 1)
    throw new UsageError(`Baseline ${path} was written by an older satlint whose fingerprints leave out what a finding grants or sets, so it could hide a finding that got worse; rewrite it with --write-baseline`);
  if (d.satlint !== 'baseline' || d.version !== 2 || !Array.isArray(d.findings)) throw new UsageError(`Baseline ${path} is not a satlint baseline (write one with --write-baseline)`);
  return d as BaselineFile;
}

/** Removes the findings the baseline holds (each entry accepts one finding) and recounts. */
export function applyBaseline(path: string, results: readonly LintResult[]): BaselineOutcome {
  const baseline = readBaseline(resolve(path));
  const budget = new Map<string, number>();
  for (const f of baseline.findings) budget.set(f.fingerprint, (budget.get(f.fingerprint) ?? 0) + 1);
  const prints = printsFor(results, resolve(path));
  let baselined = 0;
  const out = results.map((r) => {
    const kept: LintMessage[] = [];
    const accepted: SuppressedMessage[] = [];
    for (const m of r.messages) {
      const fp = prints.get(m)!;
      const left = budget.get(fp) ?? 0;
      if (left > 0 && !m.fatal) {
        budget.set(fp, left - 1);
        accepted.push({ ...m, suppressions: [{ kind: 'baseline', justification: `in baseline ${path}` }] });
        baselined++;
      } else kept.push(m);
    }
    return withCounts({ ...r, messages: kept, suppressedMessages: [...r.suppressedMessages, ...accepted] });
  });
  const stale = [...budget.values()].reduce((a, n) => a + n, 0);
  return { results: out, baselined, stale };
}
