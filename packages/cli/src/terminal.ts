/**
 * Whether stylish output may print rule ids as OSC 8 hyperlinks. Terminals that do not know OSC 8
 * mostly ignore it, but some print it as garbage, and CI logs and pipes keep it as raw bytes, so
 * links are on only when:
 * - `FORCE_HYPERLINK` is set: `0` turns them off, anything else on (the convention of the
 *   supports-hyperlinks package, which several CLIs read); otherwise
 * - colour is on, standard output is a terminal, we are not in CI, `TERM` is not `dumb`, and the
 *   terminal is one known to support OSC 8: iTerm2 3.1+, WezTerm, VS Code's terminal, Ghostty,
 *   Windows Terminal (`WT_SESSION`), kitty, Alacritty, foot, Konsole, VTE 0.50+ terminals
 *   (GNOME Terminal, Tilix…; `VTE_VERSION` ≥ 5000), Hyper.
 */
export function hyperlinksSupported(env: Record<string, string | undefined>, isTTY: boolean, color: boolean): boolean {
  const force = env['FORCE_HYPERLINK'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (!color || !isTTY || env['CI'] || env['TERM'] === 'dumb') return false;
  const program = env['TERM_PROGRAM'];
  if (program === 'iTerm.app') {
    const [major = 0, minor = 0] = (env['TERM_PROGRAM_VERSION'] ?? '').split('.').map(Number);
    return major > 3 || (major === 3 && minor >= 1);
  }
  if (program === 'WezTerm' || program === 'vscode' || program === 'ghostty' || program === 'Hyper') return true;
  if (env['WT_SESSION'] || env['KONSOLE_VERSION'] || env['KITTY_WINDOW_ID']) return true;
  const term = env['TERM'] ?? '';
  if (/^(xterm-kitty|alacritty|foot|wezterm|xterm-ghostty)/.test(term)) return true;
  const vte = Number(env['VTE_VERSION'] ?? '');
  return Number.isFinite(vte) && vte >= 5000;
}

/** The GitHub file-link prefix of the current workflow run, from its environment; undefined outside Actions. */
export function githubLinkBase(env: Record<string, string | undefined>): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repo = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  if (!server || !repo || !sha || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[0-9a-f]{7,64}$/.test(sha) || !/^https:\/\/[\w.-]+(:\d+)?$/.test(server)) return undefined;
  return `${server}/${repo}/blob/${sha}/`;
}
