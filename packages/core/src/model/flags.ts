/**
 * One command-line flag parser, in the shape of Go's pflag, for every program whose flags the rules
 * read: the control-plane components (kube-apiserver, kube-controller-manager) and kubectl. A
 * {@link FlagSyntax} says how each program's flag set differs.
 */

/** How one program's flag set reads its words. */
export interface FlagSyntax {
  /** The flag's name as the program keys it, from the text before any `=` (`--a_b` → `a-b` for kube's components). */
  name(raw: string): string;
  /** Flags that take no separate value: in `--flag value`, `value` is a positional argument. */
  bool: ReadonlySet<string>;
  /**
   * Whether a flag that is not in {@link bool} takes the next word as its value when that word starts
   * with `-`: `always` (its type is known to be a value flag), or only for the names of `string`.
   */
  dashValue: 'always' | { readonly string: ReadonlySet<string> };
  /**
   * When set, a word with one dash is read as pflag reads it, as shorthand flags (`-v=2`): a letter
   * that is not in this set, or a bad long flag (`---x`, `--=x`), stops the program (it refuses its
   * command line: "unknown shorthand flag", "bad flag syntax"). Unset, `-flag` reads as `--flag`.
   */
  shorthands?: ReadonlySet<string>;
}

/** One flag as written: its name, the word that holds it, and its value (none for a bare flag that took none). */
export interface ParsedFlag<W extends { text: string }> {
  name: string;
  /** The word the flag is written in. */
  word: W;
  /** `--flag=value` (a copy of the flag's word with the text after `=`) or the next word; undefined for a bare flag. */
  value?: W;
}

/** What {@link parseCommandLine} found: the flags in order, the other words, and the words the program refuses. */
export interface ParsedCommandLine<W extends { text: string }> {
  flags: ParsedFlag<W>[];
  positional: W[];
  /** Words pflag refuses as flags (see {@link FlagSyntax.shorthands}): the program does not start. */
  refused: W[];
}

/**
 * Reads command-line words as pflag does: `--a=b`; `--a b` for a flag that takes a value (see
 * {@link FlagSyntax}); `--` ends the flags; `-` alone is a positional argument.
 */
export function parseCommandLine<W extends { text: string }>(words: readonly W[], syntax: FlagSyntax): ParsedCommandLine<W> {
  const flags: ParsedFlag<W>[] = [];
  const positional: W[] = [];
  const refused: W[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.text === '--') break;
    if (!w.text.startsWith('-') || w.text === '-') {
      positional.push(w);
      continue;
    }
    if (syntax.shorthands) {
      if (!w.text.startsWith('--')) {
        // pflag's shorthands: `-v=2`, `-v2` or `-v 2` for a known letter; any other letter stops it.
        const letter = w.text[1]!;
        if (!syntax.shorthands.has(letter)) {
          refused.push(w);
          continue;
        }
        const rest = w.text.slice(2);
        const value = rest.startsWith('=') ? rest.slice(1) : rest;
        if (rest !== '') flags.push({ name: letter, word: w, value: { ...w, text: value } });
        else if (words[i + 1] !== undefined) flags.push({ name: letter, word: w, value: words[++i]! });
        else refused.push(w); // "flag needs an argument
        continue;
      }
      if (w.text[2] === '-' || w.text[2] === '=') {
        refused.push(w);
        continue;
      }
    }
    const eq = w.text.indexOf('=');
    if (eq !== -1) {
      flags.push({ name: syntax.name(w.text.slice(0, eq)), word: w, value: { ...w, text: w.text.slice(eq + 1) } });
      continue;
    }
    const name = syntax.name(w.text);
    const next = words[i + 1];
    const takesNext = next !== undefined && !syntax.bool.has(name) && (!next.text.startsWith('-') || syntax.dashValue === 'always' || syntax.dashValue.string.has(name));
    if (takesNext) i++;
    flags.push({ name, word: w, ...(takesNext ? { value: next } : {}) });
  }
  return { flags, positional, refused };
}

/**
 * Boolean flags of kube-apiserver and kube-controller-manager that the rules read, and common ones
 * near them on real command lines. For pflag a bool flag takes its value only as `--flag=value`:
 * in `--flag value` the flag is true and `value` is a positional argument.
 */
export const BOOL_FLAGS: ReadonlySet<string> = new Set([
  'service-account-lookup', 'service-account-extend-token-expiration', 'use-service-account-credentials', 'allow-privileged', 'anonymous-auth',
  'enable-bootstrap-token-auth', 'enable-aggregator-routing', 'profiling', 'enable-garbage-collector', 'leader-elect', 'enable-hostpath-provisioner',
  'enable-dynamic-provisioning', 'allocate-node-cidrs', 'configure-cloud-routes', 'enable-taint-manager', 'enable-priority-and-fairness', 'endpoint-reconciler-type-lease',
  'logtostderr', 'alsologtostderr', 'insecure-skip-tls-verify', 'watch-cache', 'contention-profiling', 'enable-logs-handler', 'strict-transport-security-directives-enabled',
]);

/** Non-bool flags the rules read: pflag gives them the next word whatever it starts with. */
const STRING_FLAGS: ReadonlySet<string> = new Set([
  'service-account-issuer', 'service-account-jwks-uri', 'service-account-key-file', 'service-account-signing-key-file', 'service-account-max-token-expiration',
  'disable-admission-plugins', 'service-account-private-key-file', 'root-ca-file',
]);

/**
 * kube-apiserver's and kube-controller-manager's flag sets: names without their two dashes, `_` read
 * as `-` (kube's WordSepNormalizeFunc); a flag of unknown type takes the next word as its value
 * unless that word starts with `-`; one dash starts shorthands, and only `-v` is one.
 */
export const KUBE_COMPONENT_FLAGS: FlagSyntax = Object.freeze({
  name: (raw: string) => raw.replace(/^--/, '').replace(/_/g, '-'),
  bool: BOOL_FLAGS,
  dashValue: Object.freeze({ string: STRING_FLAGS }),
  // The only shorthand both flag sets register: -v, the log verbosity (component-base/logs).
  shorthands: new Set(['v']),
});

/**
 * kubectl's flag set, keyed as written (`--duration`): every flag but the listed booleans takes the
 * next word as its value.
 */
export const KUBECTL_FLAGS: FlagSyntax = Object.freeze({
  name: (raw: string) => raw,
  bool: new Set([
    '--insecure-skip-tls-verify', '--match-server-version', '--warnings-as-errors', '--disable-compression',
    '--allow-missing-template-keys', '--show-managed-fields', '--help', '-h',
  ]),
  dashValue: 'always',
});

/** Go's `strconv.ParseBool`: the only spellings a pflag bool accepts (anything else stops the binary). */
export function goParseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** Why pflag refuses a word of a kube component's command line (see {@link FlagSyntax.shorthands}), and the fix, for a rule's message. */
export function refusal(word: string, source: 'static-pod' | 'kubeadm'): { value: string; why: string; fix: string } {
  const eq = word.indexOf('=');
  const name = (eq === -1 ? word : word.slice(0, eq)).replace(/^-+/, '');
  if (source === 'kubeadm') return { value: word, why: 'bad flag syntax: kubeadm writes each extraArgs name after two dashes of its own', fix: `write the name without dashes (${name})` };
  if (!word.startsWith('--')) {
    const why = word[1] === 'v' ? 'flag needs an argument' : `unknown shorthand flag '${word[1] ?? ''}': one dash starts single-letter flags, and -v is the only one`;
    return { value: word, why, fix: `write it with two dashes (--${word.slice(1)})` };
  }
  return { value: word, why: 'bad flag syntax', fix: `write it as --${name}${eq === -1 ? '' : word.slice(eq)}` };
}
