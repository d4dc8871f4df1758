/** `path` relative to `cwd` with forward slashes when it lies inside it; otherwise `path` unchanged. */
export function relativeTo(path: string, cwd: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  if (!cwd) return p;
  const c = cwd.replace(/\\/g, '/').replace(/\/$/, '');
  return p.startsWith(`${c}/`) ? p.slice(c.length + 1) : p;
}
