// The bad-input matrix (issue 9): each case writes its input into a fresh directory next to a good
// manifest, runs the built CLI, and states what must come out. Used by test/robustness.test.ts (which
// asserts) and scripts/robustness-matrix.mjs (which prints the table with timings).
import { writeFileSync, mkdirSync, symlinkSync, chmodSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handOver, unprivileged, unprivilegedSkipReason } from './unprivileged.mjs';

export const GOOD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: good, namespace: apps}\nspec:\n  serviceAccountName: web\n  containers: []\n';
/** What the good file must report, proving the run went on. */
export const GOOD_FINDING = /good\.yaml[\s\S]*?4:1\s+error\s+Pod apps\/good mounts an API token/;

const pod = (extra = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  serviceAccountName: web\n  containers: []${extra}\n`;

/**
 * @typedef {{ name: string, setup: (dir: string) => string[], code: number, out?: RegExp, err?: RegExp, good?: boolean, stdin?: string | null, skip?: () => string | false }} Case
 * `setup` writes files into `dir` and returns the CLI arguments (paths relative to `dir`); `good`
 * (default true) adds good.yaml to the run and checks its finding.
 */
/** @type {Case[]} */
export const CASES = [
  {
    name: 'binary file named .yaml',
    setup: (d) => (writeFileSync(join(d, 'blob.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x0a, 0xff, 0x00])), ['blob.yaml']),
    code: 1,
    out: /blob\.yaml\n\s+1:7\s+error\s+Binary file \(NUL byte at line 1, column 7\): not a YAML or JSON manifest/,
  },
  {
    name: 'invalid UTF-8',
    setup: (d) => (writeFileSync(join(d, 'latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {city: "K'), Buffer.from([0xf6]), Buffer.from('ln"}\n')])), ['latin1.yaml']),
    code: 1,
    out: /latin1\.yaml\n\s+4:16\s+error\s+File is not valid UTF-8 \(invalid byte 0xf6 at line 4, column 16\)/,
  },
  {
    name: 'UTF-8 BOM',
    setup: (d) => (writeFileSync(join(d, 'bom.yaml'), `\ufeff${pod()}`), ['bom.yaml']),
    code: 1,
    out: /bom\.yaml\n\s+4:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'UTF-16 LE BOM',
    setup: (d) => (writeFileSync(join(d, 'u16le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pod(), 'utf16le')])), ['u16le.yaml']),
    code: 1,
    out: /u16le\.yaml\n\s+4:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'UTF-16 BE BOM',
    setup: (d) => {
      const le = Buffer.from(pod(), 'utf16le');
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      writeFileSync(join(d, 'u16be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
      return ['u16be.yaml'];
    },
    code: 1,
    out: /u16be\.yaml\n\s+4:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'CRLF line ends',
    setup: (d) => (writeFileSync(join(d, 'crlf.yaml'), `# windows\r\n${pod().replace(/\n/g, '\r\n')}`), ['crlf.yaml']),
    code: 1,
    out: /crlf\.yaml\n\s+5:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'lone CR line ends',
    setup: (d) => (writeFileSync(join(d, 'cr.yaml'), `# old mac\r${pod().replace(/\n/g, '\r')}`), ['cr.yaml']),
    code: 1,
    out: /cr\.yaml\n\s+5:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'tabs in indentation',
    setup: (d) => (writeFileSync(join(d, 'tabs.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n'), ['tabs.yaml']),
    code: 1,
    out: /tabs\.yaml\n\s+4:1\s+error\s+YAML syntax error: Tabs are not allowed as indentation/,
  },
  {
    name: '50 MB file',
    setup: (d) => {
      const line = `    ${'x'.repeat(95)}\n`;
      const body = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
      writeFileSync(join(d, 'big.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: apps}\ndata:\n  blob: |\n${body}---\n${pod()}`);
      return ['big.yaml'];
    },
    code: 1,
    out: /big\.yaml\n\s+\d{6}:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: '10,000-deep nesting (flow)',
    setup: (d) => (writeFileSync(join(d, 'deep.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(10000)}${']'.repeat(10000)}\n`), ['deep.yaml']),
    code: 1,
    out: /deep\.yaml\n\s+\d+:\d+\s+error\s+.*(nests too deeply|too deep)/i,
  },
  {
    name: '10,000-deep nesting (block)',
    setup: (d) => {
      let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n';
      for (let i = 0; i < 10000; i++) s += `${' '.repeat(2 + i)}k${i}:\n`;
      writeFileSync(join(d, 'deepblock.yaml'), `${s}${' '.repeat(10002)}v\n`);
      return ['deepblock.yaml'];
    },
    code: 1,
    out: /deepblock\.yaml\n\s+\d+:\d+\s+error\s+.*(nests too deeply|too deep)/i,
  },
  {
    name: 'mapping with 1,000,000 keys',
    setup: (d) => {
      const keys = [];
      for (let i = 0; i < 1_000_000; i++) keys.push(`  k${i}: v`);
      writeFileSync(join(d, 'wide.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide, namespace: apps}\ndata:\n${keys.join('\n')}\n---\n${pod()}`);
      return ['wide.yaml'];
    },
    code: 1,
    out: /wide\.yaml\n\s+1000009:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'alias bomb (nested, billion laughs)',
    setup: (d) => {
      let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < 10; i++) s += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]\n`;
      writeFileSync(join(d, 'lol.yaml'), s);
      return ['lol.yaml'];
    },
    code: 1,
    out: /lol\.yaml\n\s+\d+:\d+\s+error\s+.*alias bomb/,
  },
  {
    name: 'alias bomb (wide: one anchor, 200,000 aliases)',
    setup: (d) => {
      const big = `&big {${Array.from({ length: 50 }, (_, i) => `k${i}: "${'v'.repeat(20)}"`).join(', ')}}`;
      writeFileSync(join(d, 'wide-alias.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w}\nanchor: ${big}\nitems: [${Array(200000).fill('*big').join(',')}]\n`);
      return ['wide-alias.yaml'];
    },
    code: 1,
    out: /wide-alias\.yaml\n\s+\d+:\d+\s+error\s+.*alias bomb/,
  },
  {
    name: 'document that is a scalar',
    setup: (d) => (writeFileSync(join(d, 'scalar.yaml'), 'just some text\n'), ['scalar.yaml']),
    code: 1,
    out: /scalar\.yaml\n\s+1:1\s+warning\s+Document 1 is a scalar, not a Kubernetes object/,
  },
  {
    name: 'document that is a sequence',
    setup: (d) => (writeFileSync(join(d, 'seq.yaml'), `${pod()}---\n- a\n- b\n`), ['seq.yaml']),
    code: 1,
    out: /seq\.yaml\n[\s\S]*8:1\s+warning\s+Document 2 is a sequence, not a Kubernetes object/,
  },
  {
    name: 'objects without kind or metadata',
    setup: (d) => (writeFileSync(join(d, 'partial.yaml'), 'apiVersion: v1\nmetadata: {name: nokind}\n---\napiVersion: v1\nkind: Pod\nspec:\n  serviceAccountName: web\n  containers: []\n'), ['partial.yaml']),
    code: 1,
    out: /partial\.yaml\n\s+6:1\s+error\s+Pod default\/\(unnamed\) mounts an API token/,
  },
  {
    name: 'symlink loop inside a linted directory',
    setup: (d) => {
      mkdirSync(join(d, 'tree/sub'), { recursive: true });
      symlinkSync('..', join(d, 'tree/sub/up'));
      symlinkSync('loop-b', join(d, 'tree/loop-a.yaml'));
      symlinkSync('loop-a.yaml', join(d, 'tree/loop-b'));
      writeFileSync(join(d, 'tree/sub/in-tree.yaml'), pod());
      return ['tree'];
    },
    code: 1,
    out: /tree\/sub\/in-tree\.yaml\n\s+4:1\s+error\s+Pod apps\/p mounts an API token/,
  },
  {
    name: 'unreadable file (no read permission)',
    // As root (CI) the case runs as the unprivileged user nobody, on files handed to it.
    unprivileged: true,
    skip: () => unprivilegedSkipReason(),
    setup: (d) => {
      writeFileSync(join(d, 'secret.yaml'), pod());
      chmodSync(join(d, 'secret.yaml'), 0o000);
      return ['secret.yaml'];
    },
    code: 1,
    out: /secret\.yaml\n\s+1:1\s+error\s+.*EACCES/,
  },
  {
    name: 'broken symbolic link given as a path',
    setup: (d) => (symlinkSync('missing.yaml', join(d, 'dangling.yaml')), ['dangling.yaml']),
    code: 2,
    err: /^satlint: Broken symbolic link \(its target does not exist\): dangling\.yaml\n$/,
  },
  {
    name: 'directory without manifests',
    setup: (d) => (mkdirSync(join(d, 'docs')), writeFileSync(join(d, 'docs/README.md'), '# hi\n'), ['docs']),
    code: 2,
    err: /^satlint: No manifests \(\*\.yaml, \*\.yml, \*\.json\) in directory "docs"\n$/,
  },
  {
    name: 'empty standard input',
    setup: () => ['-'],
    stdin: '',
    good: false,
    code: 0,
  },
  {
    name: 'closed standard input',
    setup: () => ['-'],
    stdin: null,
    good: false,
    code: 0,
  },
  {
    name: 'unrendered Helm template',
    setup: (d) => (writeFileSync(join(d, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  {{- with .Values.podSpec }}\n  template: {{ toYaml . | nindent 4 }}\n  {{- end }}\n'), ['deployment.yaml']),
    code: 1,
    out: /deployment\.yaml\n\s+\d+:\d+\s+error\s+.*(template|render)/i,
  },
  {
    name: 'config file that is not YAML',
    setup: (d) => (writeFileSync(join(d, 'satlint.config.yaml'), 'rules: {no-automount-token: [error\n'), ['.']),
    good: false,
    code: 2,
    err: /satlint\.config\.yaml:\d+:\d+/,
  },
  {
    name: 'config file that fails its schema',
    setup: (d) => (writeFileSync(join(d, 'satlint.config.yaml'), 'rules:\n  no-automount-token: [error, {allowExplicit: maybe}]\n'), ['.']),
    good: false,
    code: 2,
    err: /satlint\.config\.yaml.*rules\.no-automount-token.*allowExplicit/,
  },
];

/** Runs one case through the CLI at `bin`; returns what came out and how long it took. */
export function runCase(c, bin) {
  const dir = mkdtempSync(join(tmpdir(), 'satlint-matrix-'));
  const args = c.setup(dir);
  const withGood = c.good !== false;
  if (withGood) writeFileSync(join(dir, 'good.yaml'), GOOD);
  if (c.unprivileged) handOver(dir);
  const [cmd, argv] = c.unprivileged ? unprivileged(process.execPath, [bin, ...args, ...(withGood ? ['good.yaml'] : [])]) : [process.execPath, [bin, ...args, ...(withGood ? ['good.yaml'] : [])]];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
    ...(c.stdin === null ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input: c.stdin ?? '' }),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, withGood };
}
