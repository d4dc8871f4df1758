import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatParts, type AnyRule, type AuditSummary, type FormatName, type LintResult, type Source } from '@satlint/core';
import { withCounts } from '@satlint/core/adapter';
import type { CliOptions } from './args.js';
import type { CliIo } from './io.js';
import { version } from './io.js';
import type { Sources } from './sources.js';
import { stdinName } from './sources.js';
import type { RenderedSource } from './origins.js';
import { UsageError } from './errors.js';
import { writableRoots, writeFixed, type FixLocks } from './fix-write.js';
import { githubLinkBase, hyperlinksSupported } from './terminal.js';

/**
 * Writes --fix output: each fixed file is written only if it still holds what was read (else the
 * edit is refused and said), then the locks are released. Returns the results without `output`
 * and how many fixes could not be written.
 */
export async function writeFixes(results: LintResult[], opts: CliOptions, io: CliIo, gathered: Sources, locks: FixLocks): Promise<{ results: LintResult[]; notWritten: number }> {
  const roots = writableRoots(opts.paths, io.cwd);
  // Testing aid: widens the window between reading and writing (concurrent --fix tests).
  const delay = Number(io.env['SATLINT_TEST_FIX_DELAY_MS'] ?? 0);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  io.beforeFixWrite?.();
  let notWritten = 0;
  for (const r of results) {
    const info = gathered.read.get(r.filePath);
    if (r.output === undefined || !info) continue;
    const problem = writeFixed(info, r.output, roots, opts.fixFollowSymlinks);
    if (problem) {
      io.stderr(`satlint: ${problem}\n`);
      notWritten++;
    }
  }
  locks.release();
  return { results: results.map(({ output: _output, ...rest }) => rest), notWritten };
}

/**
 * What reports show: unreadable files added, Helm test hooks left out (--skip-helm-tests),
 * findings on rendered output moved to the template or base a person edits, sorted by file.
 */
export async function placeResults(results: LintResult[], opts: CliOptions, io: CliIo, gathered: Sources): Promise<LintResult[]> {
  let out = [...results, ...gathered.unreadable];
  if (opts.skipHelmTests) out = out.map((r) => withCounts({ ...r, messages: r.messages.filter((m) => !m.tags?.includes('helm-test')) }));
  // Files linted from disk stay where they are, even with `# Source:` comments (committed rendered output).
  if (out.some((r) => r.messages.some((m) => m.origin))) {
    const { mapOrigins, stdinBases } = await import('./origins.js');
    const rendered = new Map<string, RenderedSource>();
    for (const r of gathered.renderings) rendered.set(r.label, r.kustomization ? { bases: [r.base], kustomization: r.kustomization } : { charts: [r.chart!] });
    if (gathered.usesStdin) rendered.set(stdinName(opts, io.cwd), { ...(opts.stdinChart !== undefined ? { charts: [resolve(io.cwd, opts.stdinChart)] } : { searchChartsUnder: io.cwd }), bases: stdinBases(io.cwd, opts.stdinFilename) });
    out = dedupe(mapOrigins(out, rendered, io.cwd));
  }
  return out.sort((a, b) => a.filePath.localeCompare(b.filePath));
}

/** --write-baseline (returns true: the run ends there) or --baseline (filters the results). */
export async function baselineStep(results: LintResult[], opts: CliOptions, io: CliIo): Promise<LintResult[] | true> {
  if (opts.writeBaseline !== undefined) {
    const { writeBaseline } = await import('./baseline.js');
    const n = writeBaseline(resolve(io.cwd, opts.writeBaseline), results);
    io.stderr(`satlint: wrote ${n} finding${n === 1 ? '' : 's'} to the baseline ${opts.writeBaseline}\n`);
    return true;
  }
  if (opts.baseline === undefined) return results;
  const { applyBaseline } = await import('./baseline.js');
  const outcome = applyBaseline(resolve(io.cwd, opts.baseline), results);
  io.stderr(`satlint: ${outcome.baselined} finding${outcome.baselined === 1 ? ' is' : 's are'} in the baseline ${opts.baseline} and not reported; ${outcome.stale} baseline entr${outcome.stale === 1 ? 'y matches' : 'ies match'} nothing any more${outcome.stale > 0 ? ' (rewrite it with --write-baseline to drop them)' : ''}\n`);
  return outcome.results;
}

/** Formats the report and writes it to standard output or --output-file (creating its directory, as ESLint does). */
export function writeReport(results: LintResult[], opts: CliOptions, io: CliIo, rules: readonly AnyRule[], texts: readonly Source[], audit: AuditSummary | undefined): void {
  const color = opts.color ?? (io.isTTY && opts.outputFile === undefined && !io.env['NO_COLOR']);
  const extra: { hyperlinks?: boolean; sources?: Map<string, string>; linkBase?: string } = {};
  if (opts.format === 'stylish') extra.hyperlinks = opts.outputFile === undefined && hyperlinksSupported(io.env, io.isTTY, color);
  if (opts.format === 'html') extra.sources = reportSources(results, texts);
  const linkBase = opts.format === 'markdown' ? githubLinkBase(io.env) : undefined;
  if (linkBase) extra.linkBase = linkBase;
  const parts = formatParts(results, opts.format as FormatName, { color, cwd: io.cwd, rules, version: version(), ...extra, ...(audit ? { audit } : {}) });
  if (opts.outputFile === undefined) return batched(parts, io.stdout);
  let fd: number | undefined;
  try {
    const path = resolve(io.cwd, opts.outputFile);
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'w');
    const out = fd;
    batched(parts, (s) => writeAll(out, s));
  } catch (err) {
    throw new UsageError(`Cannot write ${opts.outputFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Sends a report's parts to `write` in pieces of at least REPORT_PIECE characters (the last may be
 * shorter): the JSON and SARIF reports are written while they are made, a result at a time, never
 * held whole (formatParts), in a few hundred writes rather than one per result.
 */
function batched(parts: Iterable<string>, write: (s: string) => unknown): void {
  let piece = '';
  for (const p of parts) {
    piece += p;
    if (piece.length >= REPORT_PIECE) {
      write(piece);
      piece = '';
    }
  }
  if (piece.length > 0) write(piece);
}

const REPORT_PIECE = 1 << 16;

/** Writes all of `s` to a file (a write may take less than it is given). */
function writeAll(fd: number, s: string): void {
  const bytes = Buffer.from(s);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * The exit code: 2 when a path matched nothing or a fix could not be written (satlint not doing
 * its job), 1 for errors or more warnings than --max-warnings, else 0.
 */
export function exitCode(results: readonly LintResult[], opts: CliOptions, io: CliIo, unmatched: readonly string[], notWritten: number): number {
  if (unmatched.length > 0) {
    for (const u of unmatched) io.stderr(`satlint: ${u}\n`);
    return 2;
  }
  if (notWritten > 0) return 2;
  if (results.some((r) => r.errorCount > 0)) return 1;
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (opts.maxWarnings >= 0 && warnings > opts.maxWarnings) {
    io.stderr(`satlint found too many warnings (maximum: ${opts.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** The text of each reported file, for the HTML report's excerpts: what was linted, or the template file a finding moved to. */
function reportSources(results: readonly LintResult[], sources: readonly Source[]): Map<string, string> {
  const out = new Map(sources.map((s) => [s.path, s.text]));
  for (const r of results) {
    if (out.has(r.filePath) || r.messages.length === 0) continue;
    try {
      out.set(r.filePath, readFileSync(r.filePath, 'utf8'));
    } catch {
      // No excerpt for a file that cannot be read.
    }
  }
  return out;
}

/** The same finding from several renderings of one chart (values sets) is reported once. */
function dedupe(results: LintResult[]): LintResult[] {
  return results.map((r) => {
    const seen = new Set<string>();
    const messages = r.messages.filter((m) => {
      const k = `${m.ruleId}\u0000${m.line}\u0000${m.column}\u0000${m.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return messages.length === r.messages.length ? r : withCounts({ ...r, messages });
  });
}
