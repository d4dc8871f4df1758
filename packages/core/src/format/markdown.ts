import type { LintMessage, LintResult } from '../types.js';
import { attackGraph } from './attack-graph.js';
import { relativeTo } from './paths.js';
import { plural, sanitize, shownRuleId, splitMessage } from './text.js';

/** Options of the markdown formatter. */
export interface MarkdownOptions {
  cwd?: string;
  /** Documentation URL of each rule id. */
  docsUrls?: ReadonlyMap<string, string>;
  /**
   * Prefix of file links (`https://github.com/OWNER/REPO/blob/SHA/`); without it links are
   * relative paths (`k8s/deploy.yaml#L14`), which resolve in a file view of the repository.
   */
  linkBase?: string;
  /** Findings tables longer than this are collapsed in `<details>` (default 20). */
  collapseAfter?: number;
  /** At most this many attack paths are drawn (default 20). */
  maxPaths?: number;
  /**
   * At most this many findings are listed (default 100): GitHub caps a comment at 65,536 characters
   * and a step summary at 1 MiB. The counts always cover every finding.
   */
  maxFindings?: number;
}

/**
 * Text from a manifest as inert markdown: control characters removed (see {@link sanitize}), and
 * every character that markdown, HTML or a GitHub extension (mentions, autolinks, emoji, tables)
 * could read as syntax written as a numeric character reference, which CommonMark always shows
 * literally. `@` also gets a word joiner after it, so that no name ever notifies anyone.
 */
export function markdownText(text: string): string {
  return sanitize(text).replace(/[\\`*_{}[\]()#+!|~<>&"':@$]/g, (c) => `&#${c.charCodeAt(0)};${c === '@' ? '\u2060' : ''}`);
}

/** A mermaid label: only letters, digits, spaces and `. / -` stay as they are; anything else is a mermaid entity code. */
function mermaidText(text: string): string {
  return sanitize(text).replace(/[^A-Za-z0-9 ./-]/g, (c) => `#${c.codePointAt(0)};`);
}

/** A link target made of our own path and line: each path segment percent-encoded. */
function fileLink(base: string, file: string, line: number): string {
  const segment = (s: string) => encodeURIComponent(s).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${base}${file.split('/').map(segment).join('/')}#L${line}`;
}

function resourceName(m: LintMessage): string {
  const r = m.resource;
  if (!r) return '';
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** The mermaid flowchart of an RBAC finding's attack path (workload → … → permissions). */
export function mermaidAttackPath(m: LintMessage): string | undefined {
  const g = attackGraph(m, (s) => s);
  if (!g) return undefined;
  const lines = ['flowchart LR'];
  for (const n of g.nodes) lines.push(`  ${n.id}["${n.lines.map(mermaidText).join('<br/>')}"]${n.kind === 'workload' || n.kind === 'permissions' ? `:::${n.kind}` : ''}`);
  for (const [a, b] of g.edges) lines.push(`  ${a} --> ${b}`);
  lines.push('  classDef permissions fill:#fde2e1,stroke:#c0392b,color:#5c1a14');
  lines.push('  classDef workload fill:#e8f0fe,stroke:#1a73e8');
  return lines.join('\n');
}

interface Row {
  m: LintMessage;
  file: string;
}

/**
 * Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: totals, counts per rule and
 * severity, a table of findings linking to `file#Lline`, and a Mermaid flowchart of each RBAC
 * finding's attack path. Order is stable (file, line, column, rule). Manifest text is escaped so
 * it can never become markup; no source text (so no secret value) is printed, only messages.
 */
export function markdown(results: readonly LintResult[], options: MarkdownOptions = {}): string {
  const base = options.linkBase ?? '';
  const rows: Row[] = [];
  for (const r of [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0))) {
    const file = sanitize(relativeTo(r.filePath, options.cwd));
    for (const m of r.messages) rows.push({ m, file });
  }
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.m.line - b.m.line || a.m.column - b.m.column || shownRuleId(a.m).localeCompare(shownRuleId(b.m)));
  const errors = rows.filter((x) => x.m.severity === 2).length;
  const warnings = rows.length - errors;
  const files = new Set(rows.map((x) => x.file)).size;
  const out: string[] = [];
  out.push('## satlint');
  out.push('');
  if (rows.length === 0) {
    out.push(`No problems found in ${plural(results.length, 'file')}.`);
    return `${out.join('\n')}\n`;
  }
  out.push(`${errors > 0 ? '❌' : '⚠️'} **${plural(rows.length, 'problem')}** (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}.`);
  out.push('');
  const link = (id: string) => {
    const url = options.docsUrls?.get(id);
    return url ? `[\`${id}\`](${url})` : `\`${id}\``;
  };
  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const { m } of rows) {
    const c = byRule.get(shownRuleId(m)) ?? { errors: 0, warnings: 0 };
    if (m.severity === 2) c.errors++;
    else c.warnings++;
    byRule.set(shownRuleId(m), c);
  }
  out.push('| Rule | Errors | Warnings |');
  out.push('|---|---:|---:|');
  for (const [id, c] of [...byRule].sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || a[0].localeCompare(b[0]))) out.push(`| ${link(id)} | ${c.errors} | ${c.warnings} |`);
  out.push(`| **Total** | **${errors}** | **${warnings}** |`);
  out.push('');

  const table = ['| Severity | Rule | Location | Resource | Message |', '|---|---|---|---|---|'];
  const maxFindings = options.maxFindings ?? 100;
  for (const { m, file } of rows.slice(0, maxFindings)) {
    const { head, details } = splitMessage(sanitize(m.message));
    const text = [head, ...details].map(markdownText).join('<br>');
    const where = `[${markdownText(`${file}:${m.line}`)}](${fileLink(base, file, m.line)})`;
    table.push(`| ${m.severity === 2 ? '🔴 error' : '🟡 warning'} | ${link(shownRuleId(m))} | ${where} | ${markdownText(resourceName(m))} | ${text} |`);
  }
  const collapse = Math.min(rows.length, maxFindings) > (options.collapseAfter ?? 20);
  out.push('### Findings');
  out.push('');
  if (collapse) out.push(`<details><summary>${plural(rows.length, 'finding')}</summary>`, '');
  out.push(...table);
  if (rows.length > maxFindings) out.push('', `…and ${plural(rows.length - maxFindings, 'more finding')}: \`satlint -f html\` or \`-f sarif\` lists them all.`);
  if (collapse) out.push('', '</details>');
  out.push('');

  const paths = rows.filter((x) => x.m.attackPath && x.m.resource);
  if (paths.length > 0) {
    const max = options.maxPaths ?? 20;
    out.push('### Attack paths');
    out.push('');
    out.push('What a stolen token of each workload can do: workload → service account → binding → role → rule → permissions.');
    out.push('');
    const open = paths.length <= 3;
    for (const { m, file } of paths.slice(0, max)) {
      const title = `${markdownText(resourceName(m))} (${`[${markdownText(`${file}:${m.line}`)}](${fileLink(base, file, m.line)})`})`;
      if (open) out.push(`#### ${title}`, '');
      else out.push(`<details><summary>${markdownText(resourceName(m))} — ${markdownText(`${file}:${m.line}`)}</summary>`, '');
      out.push('```mermaid', mermaidAttackPath(m)!, '```', '');
      if (!open) out.push('</details>', '');
    }
    if (paths.length > max) out.push(`…and ${paths.length - max} more attack paths (see the findings table).`, '');
  }
  return `${withoutTrailingNewlines(out.join('\n'))}\n`;
}

/** `s` without trailing line feeds (a loop: `/\n+$/` is quadratic on many line feeds not at the end). */
function withoutTrailingNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return s.slice(0, end);
}
