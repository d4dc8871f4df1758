import { statSync, readFileSync, existsSync } from 'node:fs';
import { resolve, dirname, join, sep } from 'node:path';
import fg from 'fast-glob';
import { UsageError } from './errors.js';

const EXTENSIONS = '**/*.{yaml,yml,json}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The files a run lints, and notes for the user (skipped charts). */
export interface FileSet {
  files: string[];
  notes: string[];
}

/** Expands paths (files, directories, globs) into absolute file paths; a path that matches nothing is a usage error. */
export function collectFiles(paths: readonly string[], cwd: string): FileSet {
  const out = new Set<string>();
  const notes: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      out.add(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      const found = fg.sync(EXTENSIONS, { cwd: abs, absolute: true, ignore: IGNORE, dot: false, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true });
      const charts = found.filter((f) => /(^|[\\/])Chart\.ya?ml$/.test(f)).map((f) => dirname(f));
      for (const f of found) {
        if (charts.some((c) => f.startsWith(c + sep))) continue;
        out.add(f);
      }
      for (const c of charts) notes.push(`skipped Helm chart ${c}: templates are not plain YAML; lint the rendered output (helm template RELEASE ${c} | satlint -)`);
      continue;
    }
    if (fg.isDynamicPattern(p)) {
      const found = fg.sync(p.replace(/\\/g, '/'), { cwd, absolute: true, ignore: IGNORE, dot: false, followSymbolicLinks: false, suppressErrors: true, onlyFiles: true });
      if (found.length === 0) throw new UsageError(`No files matching the pattern "${p}" were found`);
      for (const f of found) out.add(resolve(f));
      continue;
    }
    throw new UsageError(`No such file or directory: ${p}`);
  }
  return { files: [...out].sort(), notes };
}

/** Reads a file as text the way satlint lints it: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function readText(path: string): { text: string } | { error: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'Permission denied: cannot read file' : `Cannot read file (${code ?? (err as Error).message})` };
  }
  return decode(buf);
}

/** Decodes bytes; invalid UTF-8 is an error naming the line and column of the first bad byte. */
export function decode(buf: Uint8Array): { text: string } | { error: string } {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf) };
  } catch {
    let i = 0;
    // Find the first invalid sequence by decoding growing prefixes at line boundaries.
    let lastGood = 0;
    for (; i < buf.length; i++) {
      if (buf[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, i + 1));
          lastGood = i + 1;
        } catch {
          break;
        }
      }
    }
    const prefix = new TextDecoder('utf-8').decode(buf.subarray(0, lastGood));
    const line = prefix.split('\n').length;
    return { error: `File is not valid UTF-8 (first invalid byte on line ${line}); satlint reads UTF-8 and UTF-16 with a byte-order mark` };
  }
}

/** Walks up from `start` to find satlint's config file. */
export function findConfig(start: string): string | undefined {
  const names = ['satlint.config.yaml', 'satlint.config.yml', '.satlintrc.yaml', '.satlintrc.yml'];
  let dir = resolve(start);
  for (;;) {
    for (const n of names) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
