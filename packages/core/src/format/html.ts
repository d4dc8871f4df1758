import type { LintMessage, LintResult } from '../types.js';
import { attackGraph, type AttackGraph } from './attack-graph.js';
import { redactedLines } from './excerpt.js';
import { relativeTo } from './paths.js';
import { plural, sanitize, shownRuleId, splitMessage } from './text.js';

/** Options of the HTML formatter. */
export interface HtmlOptions {
  cwd?: string;
  /** Documentation URL of each rule id. */
  docsUrls?: ReadonlyMap<string, string>;
  /** The text of each linted file by path, for source excerpts (values that may be secret are redacted). */
  sources?: ReadonlyMap<string, string>;
  /** satlint's version, shown in the footer. */
  version?: string;
  /** Lines of context above and below a finding in its excerpt (default 2). */
  context?: number;
}

/** Text as HTML character data or an attribute value: control characters removed, the five specials escaped. */
export function htmlText(text: string): string {
  return sanitize(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Column widths: the permissions column is wider, its labels being the longest. */
const WIDTHS = [168, 168, 168, 168, 150, 196];
const GAP_X = 26;
const LINE_H = 14;
const PAD = 7;
const GAP_Y = 10;

function clip(s: string, width: number): string {
  const max = Math.floor((width - 2 * PAD) / 6.4);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * The attack path drawn as an SVG layered graph: one column per layer (workload, service account,
 * binding, role, rule, permissions), nodes stacked in each column, edges as curves from a node's
 * right side to the next column. Labels longer than a node are clipped, with the full text as a tooltip.
 */
export function attackPathSvg(g: AttackGraph, id = 'arrow'): string {
  const columns: (typeof g.nodes)[] = Array.from({ length: g.layers }, () => []);
  for (const n of g.nodes) columns[n.layer]!.push(n);
  const height = (n: (typeof g.nodes)[number]) => n.lines.length * LINE_H + 2 * PAD;
  const colHeight = columns.map((c) => c.reduce((h, n) => h + height(n), 0) + Math.max(0, c.length - 1) * GAP_Y);
  const total = Math.max(...colHeight);
  const pos = new Map<string, { x: number; y: number; h: number; w: number }>();
  let x = 0;
  columns.forEach((c, i) => {
    const w = WIDTHS[i] ?? WIDTHS[0]!;
    let y = (total - colHeight[i]!) / 2;
    for (const n of c) {
      pos.set(n.id, { x, y, h: height(n), w });
      y += height(n) + GAP_Y;
    }
    if (c.length > 0) x += w + GAP_X;
  });
  const width = x - GAP_X;
  const parts: string[] = [];
  for (const [a, b] of g.edges) {
    const p = pos.get(a)!;
    const q = pos.get(b)!;
    const x1 = p.x + p.w;
    const y1 = p.y + p.h / 2;
    const x2 = q.x;
    const y2 = q.y + q.h / 2;
    const mid = (x1 + x2) / 2;
    parts.push(`<path class="edge" d="M${x1} ${y1.toFixed(1)} C${mid} ${y1.toFixed(1)} ${mid} ${y2.toFixed(1)} ${x2 - 4} ${y2.toFixed(1)}" marker-end="url(#${id})"/>`);
  }
  for (const n of g.nodes) {
    const p = pos.get(n.id)!;
    const tspans = n.lines.map((l, i) => `<tspan x="${p.x + PAD}" y="${(p.y + PAD + LINE_H * (i + 1) - 3).toFixed(1)}"${i === 0 && n.kind !== 'permissions' && n.kind !== 'rule' ? ' class="kind"' : ''}>${htmlText(clip(l, p.w))}</tspan>`).join('');
    parts.push(`<g class="node ${n.kind}"><title>${htmlText(n.lines.join(' '))}</title><rect x="${p.x}" y="${p.y.toFixed(1)}" width="${p.w}" height="${p.h}" rx="5"/><text>${tspans}</text></g>`);
  }
  return `<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(total)}" viewBox="0 0 ${width} ${Math.ceil(total)}" role="img" aria-label="attack path"><defs><marker id="${id}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0 L8 4 L0 8 z" class="arrowhead"/></marker></defs>${parts.join('')}</svg>`;
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--err:#cf222e;--warn:#9a6700;--hl:#fff8c5}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--soft)}h1{margin:0 0 4px;font-size:20px}
.totals{margin:0;color:var(--muted)}.wrap{padding:0 24px 32px}
table.by-rule{border-collapse:collapse;margin:16px 0}table.by-rule th,table.by-rule td{border:1px solid var(--line);padding:4px 10px;text-align:left}table.by-rule td.n{text-align:right;font-variant-numeric:tabular-nums}
nav.filters{position:sticky;top:0;z-index:1;display:flex;gap:16px;align-items:center;flex-wrap:wrap;padding:10px 0;background:var(--bg);border-bottom:1px solid var(--line)}
nav.filters select{font:inherit;padding:2px 4px}#shown{color:var(--muted)}
h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px;font-weight:600}
.finding{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;padding:10px 12px;margin:8px 0}.finding[data-severity=error]{border-left-color:var(--err)}
.finding .meta{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}.sev{font-weight:600;text-transform:uppercase;font-size:11px;letter-spacing:.04em}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}.loc{color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px}
.message{margin:6px 0 2px}.details{margin:2px 0 6px;padding-left:20px;color:var(--fg)}.details li{margin:1px 0}
pre.excerpt{margin:6px 0 0;padding:6px 0;background:var(--soft);border-radius:4px;overflow:auto;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace}
pre.excerpt span.l{display:block;padding:0 10px;white-space:pre}pre.excerpt span.l.hit{background:var(--hl)}pre.excerpt span.ln{display:inline-block;width:4.5em;color:var(--muted);user-select:none}
figure.path{margin:8px 0 0;overflow:auto}figure.path figcaption{color:var(--muted);font-size:12px;margin-bottom:4px}
svg.graph .node rect{fill:#f6f8fa;stroke:#8c959f}svg.graph .node.workload rect{fill:#ddf4ff;stroke:#0969da}svg.graph .node.permissions rect{fill:#ffebe9;stroke:#cf222e}
svg.graph text{font:11.5px system-ui,sans-serif;fill:#1f2328}svg.graph tspan.kind{fill:#59636e;font-size:10.5px}svg.graph .edge{fill:none;stroke:#8c959f;stroke-width:1.3}svg.graph .arrowhead{fill:#8c959f}
[hidden]{display:none!important}footer{color:var(--muted);font-size:12px;padding:16px 24px;border-top:1px solid var(--line)}
`;

const SCRIPT = `
(function(){
  var rule=document.getElementById('filter-rule');
  var sevs=[].slice.call(document.querySelectorAll('input.filter-severity'));
  var findings=[].slice.call(document.querySelectorAll('article.finding'));
  var groups=[].slice.call(document.querySelectorAll('section.workload, section.namespace'));
  var shown=document.getElementById('shown');
  function apply(){
    var r=rule.value, on={};
    sevs.forEach(function(s){on[s.value]=s.checked;});
    var n=0;
    findings.forEach(function(f){var v=(!r||f.getAttribute('data-rule')===r)&&on[f.getAttribute('data-severity')];f.hidden=!v;if(v)n++;});
    groups.forEach(function(g){g.hidden=!g.querySelector('article.finding:not([hidden])');});
    shown.textContent=n+' of '+findings.length+' shown';
  }
  rule.addEventListener('change',apply);
  sevs.forEach(function(s){s.addEventListener('change',apply);});
  apply();
})();
`;

interface Entry {
  m: LintMessage;
  file: string;
  abs: string;
  index: number;
}

/**
 * One self-contained HTML report (no network: styles, script and graphs inline; a Content Security
 * Policy forbids every fetch): totals and counts per rule, filters by rule and severity, findings
 * grouped by namespace and workload, each with its source excerpt (secret values redacted) and, for
 * RBAC findings, the attack path as an SVG graph. Manifest text is HTML-escaped everywhere.
 */
export function html(results: readonly LintResult[], options: HtmlOptions = {}): string {
  const entries = entriesOf(results, options.cwd);
  const errors = entries.filter((e) => e.m.severity === 2).length;
  const warnings = entries.length - errors;
  const files = new Set(entries.map((e) => e.file)).size;
  const byRule = countByRule(entries);
  const ruleIds = [...byRule.keys()].sort();
  const ruleLink = (id: string) => {
    const url = options.docsUrls?.get(id);
    return url ? `<a class="rule" href="${htmlText(url)}">${htmlText(id)}</a>` : `<span class="rule">${htmlText(id)}</span>`;
  };
  const excerpt = excerpts(entries, options);
  const body = groupedFindings(entries, (e) => findingArticle(e, ruleLink(shownRuleId(e.m)), excerpt(e)));

  const summary =
    entries.length === 0
      ? `No problems found in ${plural(results.length, 'file')}.`
      : `${plural(entries.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}`;
  const ruleRows = [...byRule]
    .sort((a, b) => b[1].errors - a[1].errors || b[1].warnings - a[1].warnings || a[0].localeCompare(b[0]))
    .map(([id, c]) => `<tr><td>${ruleLink(id)}</td><td class="n">${c.errors}</td><td class="n">${c.warnings}</td></tr>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may be fetched: no fonts, images, scripts or styles from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>satlint report</title>',
    `<style>${STYLE}</style></head><body>`,
    `<header class="top"><h1>satlint report</h1><p class="totals" id="totals">${summary}</p></header>`,
    '<div class="wrap">',
    entries.length > 0 ? `<table class="by-rule" id="summary"><thead><tr><th>Rule</th><th>Errors</th><th>Warnings</th></tr></thead><tbody>${ruleRows}</tbody></table>` : '',
    entries.length > 0
      ? `<nav class="filters" aria-label="filters"><label>Rule <select id="filter-rule"><option value="">all rules</option>${ruleIds.map((id) => `<option value="${htmlText(id)}">${htmlText(id)}</option>`).join('')}</select></label>` +
        `<label><input type="checkbox" class="filter-severity" value="error" checked> errors (${errors})</label>` +
        `<label><input type="checkbox" class="filter-severity" value="warning" checked> warnings (${warnings})</label><span id="shown"></span></nav>`
      : '',
    `<main>${body}</main>`,
    '</div>',
    `<footer>satlint${options.version ? ` ${htmlText(options.version)}` : ''}. Values that may be secret are redacted in the excerpts.</footer>`,
    entries.length > 0 ? `<script>${SCRIPT}</script>` : '',
    '</body></html>',
    '',
  ].join('\n');
}

/** Every finding of the results, by file, line, column and rule, numbered from 1. */
function entriesOf(results: readonly LintResult[], cwd: string | undefined): Entry[] {
  const entries: Entry[] = [];
  for (const r of results) for (const m of r.messages) entries.push({ m, file: sanitize(relativeTo(r.filePath, cwd)), abs: r.filePath, index: 0 });
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.m.line - b.m.line || a.m.column - b.m.column || shownRuleId(a.m).localeCompare(shownRuleId(b.m)));
  entries.forEach((e, i) => (e.index = i + 1));
  return entries;
}

function countByRule(entries: readonly Entry[]): Map<string, { errors: number; warnings: number }> {
  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const { m } of entries) {
    const c = byRule.get(shownRuleId(m)) ?? { errors: 0, warnings: 0 };
    if (m.severity === 2) c.errors++;
    else c.warnings++;
    byRule.set(shownRuleId(m), c);
  }
  return byRule;
}

/** The source excerpt of a finding (redacted lines around it, the finding's lines marked), or '' without the file's text. */
function excerpts(entries: readonly Entry[], options: HtmlOptions): (e: Entry) => string {
  const context = options.context ?? 2;
  // Each file is redacted once, up to the last line an excerpt shows.
  const lastLine = new Map<string, number>();
  for (const e of entries) lastLine.set(e.abs, Math.max(lastLine.get(e.abs) ?? 0, Math.min(e.m.endLine ?? e.m.line, e.m.line + 4) + context));
  const redacted = new Map<string, string[]>();
  const linesOf = (abs: string): string[] | undefined => {
    if (redacted.has(abs)) return redacted.get(abs);
    const text = options.sources?.get(abs);
    const lines = text === undefined ? undefined : redactedLines(text, lastLine.get(abs));
    if (lines) redacted.set(abs, lines);
    return lines;
  };
  return (e) => {
    const lines = linesOf(e.abs);
    if (!lines) return '';
    const first = Math.max(1, e.m.line - context);
    const hitEnd = Math.min(e.m.endLine ?? e.m.line, e.m.line + 4);
    const last = Math.min(lines.length, hitEnd + context);
    const rows: string[] = [];
    for (let n = first; n <= last; n++) rows.push(`<span class="l${n >= e.m.line && n <= hitEnd ? ' hit' : ''}"><span class="ln">${n}</span>${htmlText(lines[n - 1] ?? '')}</span>`);
    return `<pre class="excerpt" aria-label="source excerpt"><code>${rows.join('')}</code></pre>`;
  };
}

/** The findings as sections: namespace, then workload (the object the finding is on; a file for findings without one). */
function groupedFindings(entries: readonly Entry[], article: (e: Entry) => string): string {
  const groups = new Map<string, Map<string, Entry[]>>();
  for (const e of entries) {
    const r = e.m.resource;
    const ns = r ? (r.namespace ?? '(cluster-scoped)') : '(no object)';
    const workload = r ? `${r.kind} ${r.name}` : e.file;
    const g = groups.get(ns) ?? new Map<string, Entry[]>();
    groups.set(ns, g);
    g.set(workload, [...(g.get(workload) ?? []), e]);
  }
  const sortKey = (ns: string) => (ns.startsWith('(') ? `\uffff${ns}` : ns);
  const body: string[] = [];
  for (const ns of [...groups.keys()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))) {
    body.push(`<section class="namespace" data-namespace="${htmlText(ns)}"><h2>${ns.startsWith('(') ? htmlText(ns) : `Namespace ${htmlText(ns)}`}</h2>`);
    const workloads = groups.get(ns)!;
    for (const w of [...workloads.keys()].sort()) {
      body.push(`<section class="workload"><h3>${htmlText(w)}</h3>`);
      for (const e of workloads.get(w)!) body.push(article(e));
      body.push('</section>');
    }
    body.push('</section>');
  }
  return body.join('');
}

/** One finding: severity, rule, place, message and details, excerpt, and the attack path graph of an RBAC finding. */
function findingArticle(e: Entry, ruleLink: string, excerpt: string): string {
  const id = shownRuleId(e.m);
  const sev = e.m.severity === 2 ? 'error' : 'warning';
  const { head, details } = splitMessage(sanitize(e.m.message));
  const graph = attackGraph(e.m, (s) => s);
  return (
    `<article class="finding" id="f${e.index}" data-rule="${htmlText(id)}" data-severity="${sev}">` +
    `<div class="meta"><span class="sev ${sev}">${sev}</span>${ruleLink}<span class="loc">${htmlText(`${e.file}:${e.m.line}:${e.m.column}`)}</span></div>` +
    `<p class="message">${htmlText(head)}</p>` +
    (details.length > 0 ? `<ul class="details">${details.map((d) => `<li>${htmlText(d)}</li>`).join('')}</ul>` : '') +
    excerpt +
    (graph ? `<figure class="path"><figcaption>Attack path: what a stolen token of this workload can do</figcaption>${attackPathSvg(graph, `arrow${e.index}`)}</figure>` : '') +
    '</article>'
  );
}
