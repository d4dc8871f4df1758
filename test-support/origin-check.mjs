// Origins, checked: renders every chart of ../shared/corpus/_helm (satlint --helm) and builds every
// kustomization of ../shared/corpus/_kustomize (satlint --kustomize), and for every finding that was
// moved to a template, base or patch file, reads the reported line of that file. A finding is
//   exact        when it is not marked approximate and the line holds the key the finding is about
//                (the last key of its path, or a list item `-` when the path ends in an index);
//   approximate  when the message says so (its line is the nearest known one, never line 1 unless
//                that line holds the object);
//   wrong        otherwise.
// Used by test/origins.test.ts (which asserts) and scripts/origin-check.mjs (which prints the counts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages/cli/bin/satlint.js');
/** The shared corpus beside this checkout. */
export const DEFAULT_CORPUS = join(root, '../shared/corpus');

/** The last key of a finding's path (`spec.template.spec.containers[0]` → 0). */
export function lastKey(path) {
  if (!path) return 'kind';
  const parts = [...path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : m[3]));
  return parts.length === 0 ? 'kind' : parts[parts.length - 1];
}

/** Whether `line` holds `key` as a mapping key (or a list item for an index). */
export function lineHolds(line, key) {
  if (typeof key === 'number') return /^\s*-(\s|$)|\[/.test(line);
  const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s{,"'-])["']?${k}["']?\\s*:`).test(line) || new RegExp(`path:\\s*\\S*/${k.replace(/\//g, '~1')}\\s*$`).test(line);
}

function kustomizations(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && /^(kustomization\.ya?ml|Kustomization)$/.test(e.name))) out.push(d);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(join(d, e.name));
  };
  walk(dir);
  return out.sort();
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [bin, '-f', 'json', ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return r;
}

/** Renders or builds every chart and kustomization of `corpus` and sorts each moved finding into exact, approximate or wrong. */
export function check(corpus = DEFAULT_CORPUS) {
  const targets = [];
  const helm = join(corpus, '_helm');
  if (existsSync(helm)) for (const c of readdirSync(helm).sort()) if (statSync(join(helm, c)).isDirectory()) targets.push({ kind: 'helm', cwd: helm, args: ['--helm', c], name: `_helm/${c}` });
  const kz = join(corpus, '_kustomize');
  if (existsSync(kz)) for (const d of kustomizations(kz)) targets.push({ kind: 'kustomize', cwd: kz, args: ['--kustomize', d.slice(kz.length + 1)], name: `_kustomize/${d.slice(kz.length + 1)}` });
  const totals = { helm: { exact: 0, approximate: 0, wrong: 0, unmoved: 0, rendered: 0 }, kustomize: { exact: 0, approximate: 0, wrong: 0, unmoved: 0, rendered: 0, unbuildable: 0 } };
  const wrong = [];
  const unbuildable = [];
  for (const t of targets) {
    const r = run(t.args, t.cwd);
    const sum = totals[t.kind];
    if (r.status === 2) {
      // A kustomization that cannot be built here (a remote base, a component, a fragment of another): nothing to check.
      sum.unbuildable++;
      unbuildable.push(`${t.name}: ${r.stderr.trim().split('\n')[0]}`);
      continue;
    }
    sum.rendered++;
    for (const res of JSON.parse(r.stdout)) {
      for (const m of res.messages) {
        if (!m.origin) continue;
        if (!m.origin.rendered) {
          sum.unmoved++;
          continue;
        }
        const text = readFileSync(res.filePath, 'utf8').split(/\r\n|\r|\n/);
        const line = text[m.line - 1] ?? '';
        const key = lastKey(m.path);
        if (m.origin.approximate) {
          if (!/line approximate/.test(m.message) || line.trim() === '') {
            sum.wrong++;
            wrong.push({ target: t.name, file: res.filePath, line: m.line, key, text: line, rule: m.ruleId, why: 'approximate without saying so, or on an empty line' });
          } else sum.approximate++;
        } else if (lineHolds(line, key)) sum.exact++;
        else {
          sum.wrong++;
          wrong.push({ target: t.name, file: res.filePath, line: m.line, key, text: line, rule: m.ruleId, message: m.message });
        }
      }
    }
  }
  return { totals, wrong, unbuildable, targets: targets.length };
}
