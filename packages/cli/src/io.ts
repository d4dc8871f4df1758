import { readFileSync } from 'node:fs';

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
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      if (process.stdin.isTTY) return new Uint8Array();
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

declare const __SATLINT_VERSION__: string | undefined;

/** satlint's version: compiled into the single-file bundle (hook/satlint-cli.cjs), else read from package.json. */
export function version(): string {
  if (typeof __SATLINT_VERSION__ === 'string') return __SATLINT_VERSION__;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
