import { fstatSync, readFileSync, writeSync } from 'node:fs';

/** Standard streams and environment, injectable for tests. */
export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<Uint8Array>;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Called by --fix after linting, just before the fixed files are re-read and written (tests change a file here). */
  beforeFixWrite?: () => void;
}

/** The process's own streams and environment. */
export function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: writeStdout,
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      if (process.stdin.isTTY) return new Uint8Array();
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    get isTTY() {
      return stdoutIsTTY();
    },
    env: process.env,
  };
}

// process.stdout is made on first use, and making it loads Node's stream modules (3 ms of a
// one-file run): the report goes to fd 1 with writeSync, which is what process.stdout does for
// files and, on Linux, pipes and terminals too. On another error than EPIPE (EAGAIN from a
// non-blocking pipe, a closed fd) the rest and every later write go through process.stdout, which
// then behaves as it always did.
/**
 * The streams of a run in a worker thread (the launcher, packages/cli/bin/satlint.cjs, lints a
 * directory in one to size its young generation): the process's file descriptors written and read
 * directly, as on the main thread, since a worker's process.stdin gets no input and its
 * process.stderr is forwarded asynchronously; whether they are terminals asked of the descriptors.
 */
export function threadIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (s) => writeFd(1, s, true),
    stderr: (s) => writeFd(2, s, true),
    readStdin: async () => (isatty(0) ? new Uint8Array() : readFileSync(0)),
    get isTTY() {
      return stdoutIsTTY(true);
    },
    env: process.env,
  };
}

/**
 * node:tty's isatty, loaded on first use: importing node:tty at start-up loads Node's net, stream
 * and tty modules, 3-5 ms of every one-file run (which never asks).
 */
function isatty(fd: number): boolean {
  return process.getBuiltinModule('node:tty').isatty(fd);
}

/** Per descriptor: whether a write went to the stream (the descriptor refused it), so later ones follow it in order. */
const streamed = new Set<number>();
/**
 * Descriptors whose reader has gone (EPIPE: `satlint -f json . | head`): the rest of the report has
 * nowhere to go and is dropped, as a command killed by SIGPIPE would stop writing, instead of
 * Node's unhandled 'error' event printing a stack trace. The exit code is still the run's.
 */
const gone = new Set<number>();
/** What a worker thread waits on (1 ms at a time) while a non-blocking pipe is full; made when first needed. */
let pause: Int32Array | undefined;

/**
 * Writes to fd 1 or 2 directly; once that fails (a non-blocking pipe), through the process's stream.
 * A worker thread (`thread`) waits out a full non-blocking pipe instead: its process.stdout is
 * forwarded through the main thread, whose stream would then meet the reader's EPIPE where this
 * cannot drop it.
 */
function writeFd(fd: 1 | 2, s: string, thread = false): void {
  if (gone.has(fd)) return;
  // The stream is asked for only when needed: process.stdout's getter makes it (see above).
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  if (!streamed.has(fd)) {
    const buf = Buffer.from(s);
    let off = 0;
    try {
      while (off < buf.length) {
        try {
          off += writeSync(fd, buf, off);
        } catch (err) {
          if (!thread || (err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
          Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);
        }
      }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') {
        gone.add(fd);
        return;
      }
      streamed.add(fd);
      stream().on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        gone.add(fd);
      });
      stream().write(buf.subarray(off));
      return;
    }
  }
  stream().write(s);
}

function writeStdout(s: string): void {
  writeFd(1, s);
}

let tty: boolean | undefined;

/**
 * Whether standard output is a terminal, without making process.stdout where fstat already says
 * no: a file, a pipe or a socket never is, nor one of Linux's memory devices (major 1: /dev/null).
 */
function stdoutIsTTY(thread = false): boolean {
  if (tty !== undefined) return tty;
  try {
    // BigInt stats: a number stat of a FIFO or socket corrupts the state that the module loader's
    // next symlink resolution reads (Node 20 and 22), and the lazy import of fast-glob then fails
    // ("(intermediate value).sync is not a function" on Node 22; files.ts says the same of Node 20).
    const st = fstatSync(1, { bigint: true });
    if (st.isFile() || st.isFIFO() || st.isSocket()) return (tty = false);
    if (process.platform === 'linux' && st.isCharacterDevice() && st.rdev < 2n ** 20n && st.rdev >> 8n === 1n) return (tty = false);
  } catch {
    // fd 1 closed: process.stdout says
  }
  // A worker thread's process.stdout is a stream to the main thread, never a terminal: ask fd 1.
  return (tty = thread ? isatty(1) : process.stdout.isTTY === true);
}

declare const __SATLINT_VERSION__: string | undefined;

/** satlint's version: compiled into the single-file bundle (hook/satlint-cli.cjs), else read from package.json. */
export function version(): string {
  if (typeof __SATLINT_VERSION__ === 'string') return __SATLINT_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
