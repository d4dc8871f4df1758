/**
 * Whether a test that needs something absent (a tool, ../shared) is skipped. On a user's machine it
 * is, with the reason printed; in CI (CI=true) it is not: the missing piece is an error, so CI
 * never counts a skipped integration test as passing.
 */
export function skipWithReason(what: string, reason: string | false | undefined): boolean {
  if (!reason) return false;
  if (process.env['CI']) throw new Error(`${what} cannot run in CI: ${reason} (.ci/run installs it through .ci/tools.sh)`);
  console.warn(`${what} skipped: ${reason}`);
  return true;
}
