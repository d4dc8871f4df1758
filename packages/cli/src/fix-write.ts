import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync, lstatSync, statSync } from 'node:fs';
import { crypto } from './lazy-crypto.js';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { writeAtomic } from './write.js';
import type { Encoding } from './read-text.js';

/** A file `--fix` read, as it was when linted. */
export interface ReadFile {
  path: string;
  /** SHA-256 of the bytes read. */
  hash: string;
  encoding: Encoding;
}

/** SHA-256 of bytes, hex. */
export function contentHash(bytes: Uint8Array): string {
  return crypto().createHash('sha256').update(bytes).digest('hex');
}

/** Text encoded as it was read: UTF-8 (with its byte-order mark when it had one) or UTF-16 with its byte-order mark. */
export function encodeText(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf-16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/**
 * The directories `--fix` may write in: each directory given, and the directory of each file or
 * glob given, with symbolic links resolved (a path the user named is theirs, links inside it are not).
 */
export function writableRoots(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') continue;
    const abs = resolve(cwd, p);
    let dir: string;
    try {
      dir = statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      // A glob: its literal leading directories.
      const parts = p.replace(/\\/g, '/').split('/');
      const lit: string[] = [];
      for (const part of parts) {
        if (/[*?[\]{}()!]/.test(part)) break;
        lit.push(part);
      }
      dir = resolve(cwd, lit.join('/') || '.');
    }
    try {
      out.push(realpathSync(dir));
    } catch {
      // a path that does not exist yields no files
    }
  }
  return out;
}

function inside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * One lock directory per user (mode 0700): a directory shared by every user would be created with
 * the first user's umask and refuse the others, and another user could plant files in it.
 */
function lockDir(): string | { error: string } {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // node:os on first use: loading it was 0.2-0.4 ms of every start, and only --fix takes locks.
  const dir = join(process.getBuiltinModule('node:os').tmpdir(), `satlint-fix-locks-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return { error: `${dir} is not a directory of this user; --fix does not use it` };
  } catch (err) {
    return { error: `cannot create ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Per-file locks that serialize `--fix` runs: taken (in one global order, so two runs cannot
 * deadlock) before the files are read and released after they are written. A second run on the same
 * files waits, then reads what the first wrote. A lock left by a process that died is taken over.
 */
export class FixLocks {
  private readonly held: string[] = [];

  /** Takes the locks of `files`; returns an error message when one stays held longer than `timeoutMs`. */
  acquire(files: readonly string[], timeoutMs: number): string | null {
    const dir = lockDir();
    if (typeof dir !== 'string') return `cannot lock files for --fix: ${dir.error}`;
    const keys = [...new Set(files.map((f) => {
      let real = f;
      try {
        real = realpathSync(f);
      } catch {
        // unreadable: the read reports it
      }
      return real;
    }))].sort();
    for (const real of keys) {
      const lock = join(dir, `${crypto().createHash('sha256').update(real).digest('hex').slice(0, 32)}.lock`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const fd = openSync(lock, 'wx', 0o644);
          writeSync(fd, String(process.pid));
          closeSync(fd);
          this.held.push(lock);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot lock ${real} for --fix (${(err as NodeJS.ErrnoException).code})`;
        }
        let owner: number;
        try {
          owner = Number(readFileSync(lock, 'utf8'));
        } catch {
          continue; // released meanwhile
        }
        if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
          try {
            unlinkSync(lock);
          } catch {
            // another run took it over first
          }
          continue;
        }
        if (Date.now() > deadline) return `${real} is being fixed by another satlint --fix (pid ${Number.isNaN(owner) ? '?' : owner}); not fixed`;
        sleep(25);
      }
    }
    return null;
  }

  release(): void {
    for (const lock of this.held.splice(0)) {
      try {
        unlinkSync(lock);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Writes one fixed file, refusing what would lose something: a file that changed since it was
 * read (compare-and-swap on its content hash), a symbolic link to a file outside the linted paths
 * (unless `followSymlinks`). Null when written, else the message (the run then exits 2).
 */
export function writeFixed(read: ReadFile, output: string, roots: readonly string[], followSymlinks: boolean): string | null {
  let target: string;
  try {
    target = realpathSync(read.path);
  } catch (err) {
    return `${read.path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  if (!followSymlinks && !roots.some((r) => inside(target, r))) {
    const link = lstatSync(read.path).isSymbolicLink() ? 'is a symbolic link to' : 'resolves through a symbolic link to';
    return `${read.path} ${link} ${target}, outside the linted paths; not written (pass --fix-follow-symlinks to write through it)`;
  }
  let now: Buffer;
  try {
    now = readFileSync(target);
  } catch (err) {
    return `${read.path}: cannot re-read before writing (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); not written`;
  }
  if (contentHash(now) !== read.hash) return `${read.path} changed since satlint read it; not written (run satlint --fix again)`;
  return writeAtomic(read.path, encodeText(output, read.encoding));
}
