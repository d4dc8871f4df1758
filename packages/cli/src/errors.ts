/** An error that ends the run with exit code 2 and a one- or two-line message on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
