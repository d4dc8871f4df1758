// Permission tests must check what a user without privileges sees. As root every file is readable
// and writable, so there the command runs as the unprivileged user `nobody` (uid/gid 65534) through
// util-linux's setpriv, on files handed to that user: the behaviour is really checked, also in CI
// (which runs as root).
import { spawnSync } from 'node:child_process';
import { chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

function hasSetpriv() {
  return spawnSync('setpriv', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/**
 * Why the permission case cannot run here, or false. Only a user's machine may skip (root without
 * setpriv); in CI (CI=true) that is an error, so a skipped permission test is never counted as passing.
 */
export function unprivilegedSkipReason() {
  if (!isRoot || hasSetpriv()) return false;
  if (process.env.CI) throw new Error('running as root in CI without setpriv (util-linux): the permission tests cannot run as an unprivileged user');
  return 'running as root and setpriv (util-linux) is missing, so the case cannot run as an unprivileged user';
}

/** Gives `dir` and everything in it to the user the command will run as (a no-op when not root). */
export function handOver(dir) {
  if (!isRoot) return;
  chownSync(dir, NOBODY, NOBODY);
  if (statSync(dir).isDirectory()) for (const name of readdirSync(dir)) handOver(join(dir, name));
}

/** The command and arguments that run `cmd args` unprivileged: as is when not root, through setpriv as root. */
export function unprivileged(cmd, args) {
  if (!isRoot) return [cmd, args];
  return ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--', cmd, ...args]];
}
