import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { Inventory, canI, parseManifests, resourcesOf, type Grant, type Resource } from '@satlint/core';
import { describeGrant, describeResource, identityOf, resolveResource, sanitize } from '@satlint/core/adapter';
import { UsageError } from './errors.js';
import { collectFiles } from './files.js';
import { readText } from './read-text.js';
import type { CliIo } from './main.js';

export const CAN_I_HELP = `satlint can-i VERB RESOURCE[/SUBRESOURCE] --as USER [-n NS] [paths...]
satlint can-i --list --as USER [-n NS] [paths...]

Answers like kubectl auth can-i, offline, from the RBAC objects in the given manifests and the
roles Kubernetes ships (cluster-admin, admin, edit, view, system:…). Prints yes or no.

  --as USER           who asks: system:serviceaccount:NS:NAME (its service-account groups are
                      added), or any user name (then only system:authenticated is added)
  --as-group GROUP    an extra group of the user (repeatable)
  -n, --namespace NS  namespace of the request (default: default; ignored for cluster-scoped
                      resources)
      --name NAME     the object's name, for rules limited by resourceNames
      --explain       print the binding -> role -> rule path of each grant
      --list          print every permission the user has in the namespace
  RESOURCE            a plural or short name (pods, po, deploy), resource.group for other
                      groups (cronjobs.batch, certificates.cert-manager.io), /subresource
                      for subresources (pods/exec, deployments/scale)

Exit codes: 0 yes (or --list done), 1 no, 2 usage error.
`;

function where(r: Resource, cwd: string): string {
  const contents = r.document.ast?.contents as { range?: [number, number, number] } | null | undefined;
  const offset = contents?.range ? r.file.toSourceOffset(contents.range[0]) : r.document.range[0];
  const { line } = r.file.position(offset);
  return `${relative(cwd, r.file.path) || r.file.path}:${line}`;
}

function grantLine(g: Grant, cwd: string): string {
  const role = g.source.resource ? `role at ${where(g.source.resource, cwd)}` : 'built-in role';
  return `${describeGrant(g)} (binding at ${where(g.binding.resource, cwd)}; ${role})`;
}

/** `satlint can-i …`: returns the exit code. */
export async function canICommand(argv: string[], terminal: CliIo): Promise<number> {
  // Names in the answer come from manifests: no control character or escape sequence reaches the terminal.
  const clean = (s: string) => s.split('\n').map(sanitize).join('\n');
  const io: CliIo = { ...terminal, stdout: (s) => terminal.stdout(clean(s)), stderr: (s) => terminal.stderr(clean(s)) };
  const q = canIArgs(argv);
  if (q === 'help') {
    io.stdout(CAN_I_HELP);
    return 0;
  }
  const inventory = await rbacInventory(q.paths, io);
  const identity = identityOf(q.as, q.groups);
  if (q.question === 'list') {
    listPermissions(io, inventory, identity, q.as, q.namespace);
    return 0;
  }
  return answer(io, inventory, identity, q, q.question);
}

interface CanIQuestion {
  as: string;
  groups: string[];
  namespace: string;
  name: string | undefined;
  explain: boolean;
  /** A verb and resource, or 'list' (every permission). */
  question: { verb: string; resource: string } | 'list';
  paths: string[];
}

/** The command line of `satlint can-i`, checked; 'help' for --help. */
function canIArgs(argv: string[]): CanIQuestion | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        as: { type: 'string' },
        'as-group': { type: 'string', multiple: true, default: [] },
        namespace: { type: 'string', short: 'n' },
        name: { type: 'string' },
        explain: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see satlint can-i --help)`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.as === undefined || v.as === '') throw new UsageError('can-i needs --as USER, e.g. --as system:serviceaccount:NAMESPACE:NAME (see satlint can-i --help)');
  const positionals = [...parsed.positionals];
  let question: CanIQuestion['question'] = 'list';
  if (!v.list) {
    const verb = positionals.shift();
    const resource = positionals.shift();
    if (!verb || !resource) throw new UsageError('can-i needs VERB and RESOURCE, e.g. satlint can-i get secrets --as system:serviceaccount:ci:deployer k8s/');
    question = { verb, resource };
  }
  if (positionals.length === 0) throw new UsageError('can-i needs the manifests that hold the RBAC objects: name files, directories or globs');
  return { as: v.as, groups: v['as-group'], namespace: v.namespace ?? 'default', name: v.name, explain: v.explain, question, paths: positionals };
}

/** The inventory of the manifests at `paths`; files that cannot be read or parsed are reported on stderr and skipped. */
async function rbacInventory(paths: string[], io: CliIo): Promise<Inventory> {
  const { files, notes, unmatched } = await collectFiles(paths, io.cwd);
  for (const n of notes) io.stderr(`satlint: ${n}\n`);
  if (unmatched.length > 0) throw new UsageError(unmatched.join('\nsatlint: '));
  const resources: Resource[] = [];
  for (const f of files) {
    const r = readText(f);
    if (!('text' in r)) {
      io.stderr(`satlint: ${relative(io.cwd, f)}: ${r.error}\n`);
      continue;
    }
    const parsedFile = parseManifests(r.text, f);
    for (const p of parsedFile.problems) {
      if (p.severity !== 'fatal') continue;
      const pos = parsedFile.position(p.range[0]);
      io.stderr(`satlint: ${relative(io.cwd, f)}:${pos.line}:${pos.column}: ${p.message} (RBAC objects in this file are not read)\n`);
    }
    // kubectl sends nothing after the point where it stops reading a file.
    resources.push(...resourcesOf(parsedFile).filter((x) => !x.document.afterKubectlStop));
  }
  return new Inventory(resources);
}

/** --list: every permission of the user in the namespace (and cluster-wide), as a table. */
function listPermissions(io: CliIo, inventory: Inventory, identity: ReturnType<typeof identityOf>, as: string, namespace: string): void {
  const grants = inventory.rbac.grantsFor(identity).filter((g) => g.namespace === undefined || g.namespace === namespace);
  if (grants.length === 0) {
    io.stdout(`${as} has no permissions in namespace ${namespace} in these manifests\n`);
    return;
  }
  const rows = grants.map((g) => [
    g.rule.resources.join(',') || '-',
    g.rule.apiGroups.map((x) => (x === '' ? '""' : x)).join(',') || '-',
    g.rule.resourceNames.join(',') || '-',
    g.rule.verbs.join(',') || '-',
    g.namespace === undefined ? 'cluster' : g.namespace,
    describeGrant(g),
  ]);
  const head = ['RESOURCES', 'API GROUPS', 'RESOURCE NAMES', 'VERBS', 'SCOPE', 'GRANTED BY'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) io.stdout(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
}

/** yes or no (exit 0 or 1), with --explain the grants that allow it or the bindings that were considered. */
function answer(io: CliIo, inventory: Inventory, identity: ReturnType<typeof identityOf>, q: CanIQuestion, { verb, resource }: { verb: string; resource: string }): number {
  const { namespace } = q;
  const resolved = resolveResource(resource);
  if (!resolved.known) io.stderr(`satlint: "${resource}" is not a built-in resource; other API groups are written resource.group (e.g. certificates.cert-manager.io). Answering for the core group.\n`);
  const result = canI(inventory, identity, verb, resource, namespace, q.name);
  io.stdout(result.allowed ? 'yes\n' : 'no\n');
  if (q.explain) {
    const scope = resolved.clusterScoped ? 'cluster-wide' : `in namespace ${namespace}`;
    const target = `${verb} ${resolved.subresource ? `${resolved.resource}/${resolved.subresource}` : resolved.resource}${resolved.apiGroup ? `.${resolved.apiGroup}` : ''}${q.name ? ` named ${q.name}` : ''}`;
    if (result.allowed) {
      io.stdout(`${q.as} may ${target} ${scope} through:\n`);
      for (const g of result.via) io.stdout(`  ${grantLine(g, io.cwd)}\n`);
    } else {
      const reaching = inventory.rbac.bindingsFor(identity);
      io.stdout(`no rule grants ${target} ${scope} to ${q.as}\n`);
      if (reaching.length === 0) io.stdout('  no RoleBinding or ClusterRoleBinding in these manifests reaches this user\n');
      for (const { binding, subject } of reaching) {
        const role = inventory.rbac.roleOf(binding);
        const scopeText = binding.namespace ? `namespace ${binding.namespace} only` : 'cluster-wide';
        io.stdout(`  considered ${describeResource(binding.resource)} (subject ${subject.kind} ${subject.name}, ${scopeText}) → ${role ? `${role.kind} ${role.name}` : `${binding.roleRef.kind} ${binding.roleRef.name} (not in the manifests, not built in)`}\n`);
      }
    }
  }
  return result.allowed ? 0 : 1;
}
