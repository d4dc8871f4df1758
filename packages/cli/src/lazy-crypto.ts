/**
 * node:crypto, loaded on first use. Loading it took about 8 ms of a one-file run that hashes
 * nothing (hashes are for --fix and --cache), more than linting the file.
 */
export function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
