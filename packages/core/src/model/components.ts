import type { JsonPath, Resource } from '../types.js';
import { getAt, isRecord } from '../path.js';
import { podSpecsOf } from './pod-spec.js';
import { commandBasename, commandLineOf, wordsFrom } from './command.js';
import { KUBE_COMPONENT_FLAGS, parseCommandLine } from './flags.js';

/** One occurrence of a command-line flag. */
export interface FlagOccurrence {
  /** The value (`--flag=value`, `--flag value`, or `true` for a bare `--flag`). */
  value: string;
  /** Where it is written, relative to the resource. */
  path: JsonPath;
}

/** A control-plane component found in a manifest, with its flags. */
export interface ComponentConfig {
  source: 'static-pod' | 'kubeadm';
  /** Flags by name without dashes, in order of appearance. */
  flags: Map<string, FlagOccurrence[]>;
  /** Where a missing flag is reported (the container's `command`, or kubeadm's `extraArgs`). */
  anchor: JsonPath;
  /** Flags kubeadm writes into the static pod itself unless `extraArgs` overrides them. */
  defaults: ReadonlySet<string>;
  /**
   * Words the binary's flag parser refuses (`-service-account-lookup=false`: one dash starts
   * shorthand flags for pflag, and the binary has no `-s`), so it does not start; they set nothing.
   */
  refused: FlagOccurrence[];
}

/** The kubeadm ClusterConfiguration section of each component. */
export const KUBEADM_SECTIONS = { 'kube-apiserver': 'apiServer', 'kube-controller-manager': 'controllerManager' } as const;

/**
 * Flags kubeadm always puts on the command line of the static pods it generates
 * (cmd/kubeadm/app/phases/controlplane/manifests.go), so a ClusterConfiguration that does not
 * mention them still runs with them.
 */
export const KUBEADM_DEFAULT_FLAGS: Readonly<Record<keyof typeof KUBEADM_SECTIONS, ReadonlySet<string>>> = {
  'kube-apiserver': new Set(['service-account-issuer', 'service-account-key-file', 'service-account-signing-key-file']),
  'kube-controller-manager': new Set(['use-service-account-credentials', 'service-account-private-key-file', 'root-ca-file']),
};

/**
 * Where the first word of a shell script that ends in `binary` (`kube-apiserver`,
 * `/usr/local/bin/kube-apiserver`, `exec"kube-apiserver`) ends, or -1. A word ends at white space
 * or at the end of the script. One indexOf pass: linear in the script's length.
 */
function endOfBinaryWord(script: string, binary: string): number {
  for (let i = script.indexOf(binary); i !== -1; i = script.indexOf(binary, i + 1)) {
    const end = i + binary.length;
    if (end === script.length || isJsSpace(script.charCodeAt(end))) return end;
  }
  return -1;
}

/** The characters of JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The flags of a control-plane component's command line, by name in order of appearance (see
 * {@link KUBE_COMPONENT_FLAGS}); a bare flag that takes no value is `true`.
 */
export function parseFlags(words: readonly { text: string; path: JsonPath }[]): Map<string, FlagOccurrence[]> {
  return readFlags(words).flags;
}

/** {@link parseFlags}, and the words the binary refuses (each as its text and path). */
function readFlags(words: readonly { text: string; path: JsonPath }[]): Pick<ComponentConfig, 'flags' | 'refused'> {
  const flags = new Map<string, FlagOccurrence[]>();
  const line = parseCommandLine(words, KUBE_COMPONENT_FLAGS);
  for (const f of line.flags) {
    const list = flags.get(f.name) ?? [];
    list.push({ value: f.value?.text ?? 'true', path: f.word.path });
    flags.set(f.name, list);
  }
  return { flags, refused: line.refused.map((w) => ({ value: w.text, path: w.path })) };
}

/**
 * Every configuration of `binary` (`kube-apiserver` or `kube-controller-manager`) a resource holds:
 * containers whose `command`/`args` invoke a program whose name ends in `binary` (also inside a
 * `sh -c` script), and kubeadm `ClusterConfiguration` sections (`extraArgs` as a map or as a list of
 * `{name, value}`).
 */
export function componentConfigs(resource: Resource, binary: keyof typeof KUBEADM_SECTIONS): ComponentConfig[] {
  if (resource.kind === 'ClusterConfiguration' && resource.apiVersion.startsWith('kubeadm.k8s.io/')) {
    const section = KUBEADM_SECTIONS[binary];
    const extraArgs = getAt(resource.object, [section, 'extraArgs']);
    const args: { name: string; value: string; path: JsonPath }[] = [];
    const add = (name: string, value: unknown, path: JsonPath): void => {
      args.push({ name, value: typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value), path });
    };
    if (isRecord(extraArgs)) for (const [k, v] of Object.entries(extraArgs)) add(k, v, [section, 'extraArgs', k]);
    else if (Array.isArray(extraArgs)) {
      extraArgs.forEach((a, i) => {
        if (isRecord(a) && typeof a['name'] === 'string') add(a['name'], a['value'], [section, 'extraArgs', i, Object.prototype.hasOwnProperty.call(a, 'value') ? 'value' : 'name']);
      });
    }
    // kubeadm writes the static pod's command line with ArgumentsToCommand: sorted by name, then by
    // value (so of two `service-account-key-file` entries the greater value comes last and wins), each
    // as `--name=value`; the component's own flag set then reads it (`_` is `-`, lists accumulate).
    args.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    // (A name written with its dashes, `-flag` or `--flag`, becomes `---flag`, which pflag refuses.)
    const read = readFlags(args.map((a) => ({ text: `--${a.name}=${a.value}`, path: a.path })));
    return [{ source: 'kubeadm', ...read, anchor: [section, 'extraArgs'], defaults: KUBEADM_DEFAULT_FLAGS[binary] }];
  }
  const out: ComponentConfig[] = [];
  for (const pod of podSpecsOf(resource)) {
    for (const c of pod.containers) {
      const argv = commandLineOf(c);
      const anchor = Array.isArray(c.container['command']) ? [...c.path, 'command'] : Array.isArray(c.container['args']) ? [...c.path, 'args'] : c.path;
      const at = argv.findIndex((a) => !/\s/.test(a.text) && commandBasename(a.text).endsWith(binary));
      if (at !== -1) {
        // An element like "--allow-privileged=true --service-account-lookup=false" is one argument to
        // the kernel, but its author meant two flags: read it the way it was meant.
        const words = argv.slice(at + 1).flatMap((a) => (a.text.startsWith('-') && /\s/.test(a.text) ? wordsFrom(a.text, 0).map((w) => ({ text: w.text, path: a.path })) : [a]));
        out.push({ source: 'static-pod', ...readFlags(words), anchor, defaults: new Set() });
        continue;
      }
      // A shell script argument: `sh -c "exec /usr/local/bin/kube-apiserver --flag=… $EXTRA"`.
      for (const a of argv) {
        if (!/\s/.test(a.text)) continue;
        const end = endOfBinaryWord(a.text, binary);
        if (end === -1) continue;
        const words = wordsFrom(a.text, end).map((w) => ({ text: w.text, path: a.path }));
        out.push({ source: 'static-pod', ...readFlags(words), anchor: a.path, defaults: new Set() });
        break;
      }
    }
  }
  return out;
}

/** The last occurrence of a flag (the one a Go flag parser keeps), if any. */
export function lastFlag(config: ComponentConfig, name: string): FlagOccurrence | undefined {
  const list = config.flags.get(name);
  return list?.[list.length - 1];
}
