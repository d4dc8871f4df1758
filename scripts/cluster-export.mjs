#!/usr/bin/env node
// Builds what a cluster returns for `kubectl get … -o yaml|json` after the given manifests were
// applied with `kubectl apply`: the objects as the API server stores them, plus what the
// controllers and admission create from them. No API server ran for this: every step is written
// here, field by field, from the Kubernetes API reference and the code it names (Kubernetes 1.31):
//
// - kubectl apply (client-side): the `kubectl.kubernetes.io/last-applied-configuration` annotation,
//   the object as applied in compact JSON with a trailing newline; managedFields for the manager
//   `kubectl-client-side-apply` (operation Update, FieldsV1 of every field the user set).
// - registry create: metadata.uid (a v4 UUID), resourceVersion, creationTimestamp, generation 1
//   for objects with a spec; defaulting from pkg/apis/{core,apps,batch}/v1/defaults.go (the
//   fields listed in DEFAULTS below, those a Pod, Deployment, ReplicaSet, CronJob and Job get).
// - deployment controller (pkg/controller/deployment/sync.go): a ReplicaSet `<deployment>-<hash>`
//   with the `pod-template-hash` label in its selector and template, the revision and replica
//   annotations, and a controller ownerReference to the Deployment.
// - replicaset and job controllers: Pods with generateName `<owner>-` and a five-character suffix
//   (apimachinery's rand.String alphabet), ownerReferences with controller: true.
// - cronjob controller (pkg/controller/cronjob): a Job `<cronjob>-<scheduled minute since epoch>`
//   with the scheduled-timestamp annotation; the job controller's controller-uid/job-name labels.
// - ServiceAccount admission (plugin/pkg/admission/serviceaccount/admission.go): serviceAccountName
//   defaulted to `default`; when automount is on (pod field, else the account's, else true) a
//   projected volume `kube-api-access-<5 chars>` with a serviceAccountToken source (path token,
//   expirationSeconds 3607), the kube-root-ca.crt ConfigMap (ca.crt) and the namespace from the
//   downward API, defaultMode 420 (0644), mounted read-only at
//   /var/run/secrets/kubernetes.io/serviceaccount in every container and init container that does
//   not mount something there already; DefaultTolerationSeconds admission's two tolerations.
// - token controller: a `kubernetes.io/service-account-token` Secret gets data ca.crt, namespace and
//   token (here obviously fake values) and the service-account.uid annotation; legacy token
//   tracking (1.28+) labels it `kubernetes.io/legacy-token-last-used: <date>`, the legacy token
//   cleaner (1.29+) `kubernetes.io/legacy-token-invalid-since: <date>`.
// - the serviceaccounts controller: a `default` ServiceAccount in every namespace.
// - kubectl output: `kind: List` with `metadata.resourceVersion: ""`, items in the order the
//   resource types were asked for, each sorted by namespace and name; keys sorted (kubectl prints
//   unstructured maps); YAML in go-yaml v2's layout (sequences not indented under their key), JSON
//   with four-space indentation.
//
// Usage: node scripts/cluster-export.mjs [--check]   (regenerates test/fixtures/cluster-export)
// Also imported by bench/generate.mjs for the 10,000-pod export.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic pseudo-random source (mulberry32), so regenerated fixtures are identical. */
export function random(seed) {
  let a = 0;
  for (const ch of String(seed)) a = (Math.imul(a, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const suffix = (rnd, n = 5) => Array.from({ length: n }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');
const uuid = (rnd) => {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  h[12] = '4';
  h[16] = '89ab'[Math.floor(rnd() * 4)];
  return `${h.slice(0, 8).join('')}-${h.slice(8, 12).join('')}-${h.slice(12, 16).join('')}-${h.slice(16, 20).join('')}-${h.slice(20).join('')}`;
};
const clone = (x) => JSON.parse(JSON.stringify(x));
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** FieldsV1 of a value: every key as `f:key`, list items of named objects as `k:{"name":…}`. */
function fieldsV1(value) {
  if (Array.isArray(value)) {
    const out = {};
    value.forEach((item, i) => {
      if (item && typeof item === 'object' && typeof item.name === 'string') out[`k:{"name":${JSON.stringify(item.name)}}`] = { '.': {}, ...fieldsV1(item) };
      else if (item && typeof item === 'object') out[`i:${i}`] = fieldsV1(item);
      else out[`v:${JSON.stringify(item)}`] = {};
    });
    return out;
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[`f:${k}`] = v && typeof v === 'object' && Object.keys(v).length > 0 ? fieldsV1(v) : {};
    return out;
  }
  return {};
}

function containerDefaults(c) {
  const image = String(c.image ?? '');
  return {
    imagePullPolicy: /:latest$|^[^:]*$/.test(image.split('/').pop()) ? 'Always' : 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...c,
  };
}

/** pkg/apis/core/v1/defaults.go SetDefaults_PodSpec and friends, for the fields these manifests meet. */
function podSpecDefaults(spec) {
  const out = {
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    ...spec,
  };
  out.containers = (spec.containers ?? []).map(containerDefaults);
  if (spec.initContainers) out.initContainers = spec.initContainers.map(containerDefaults);
  for (const v of out.volumes ?? []) {
    if (v.secret && v.secret.defaultMode === undefined) v.secret = { defaultMode: 420, ...v.secret };
    if (v.projected && v.projected.defaultMode === undefined) v.projected = { defaultMode: 420, ...v.projected };
  }
  return out;
}

function templateDefaults(template) {
  return { ...template, metadata: { creationTimestamp: null, ...(template.metadata ?? {}) }, spec: podSpecDefaults(template.spec ?? {}) };
}

const SA_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount admission plugin's mutation of a new Pod. */
function admitPod(pod, serviceAccounts, rnd) {
  const spec = pod.spec;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa = serviceAccounts.get(`${pod.metadata.namespace}/${spec.serviceAccountName}`);
  const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : typeof sa?.automountServiceAccountToken === 'boolean' ? sa.automountServiceAccountToken : true;
  if (automount) {
    const name = `kube-api-access-${suffix(rnd)}`;
    const all = [...(spec.initContainers ?? []), ...spec.containers];
    const needs = all.filter((c) => !(c.volumeMounts ?? []).some((m) => m.mountPath === SA_PATH));
    if (needs.length > 0) {
      spec.volumes = [
        ...(spec.volumes ?? []),
        {
          name,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        },
      ];
      for (const c of needs) c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SA_PATH, name, readOnly: true }];
    }
  }
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  spec.tolerations = [
    ...(spec.tolerations ?? []),
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
  ];
}

/**
 * The cluster state after `manifests` (plain objects) were applied at `appliedAt` and ran until
 * `now`. `history` gives what the manifests cannot say: legacy token use (`lastUsed`,
 * `invalidSince` by Secret name) and the phase of job pods. `managedFields: false` leaves them out,
 * as `kubectl get` does by default.
 */
export function simulateCluster(manifests, { seed = 'satlint', appliedAt = Date.parse('2026-11-02T08:15:00Z'), now = Date.parse('2026-12-01T09:00:00Z'), history = {}, managedFields = true } = {}) {
  const rnd = random(seed);
  let rv = 4100;
  let clock = appliedAt;
  const objects = [];
  const serviceAccounts = new Map();
  const uids = new Map();
  const namespaces = new Set();
  const store = (obj, { manager, applied } = {}) => {
    const md = obj.metadata;
    // What the writer sent, before the registry adds its own fields.
    const fields = manager ? fieldsV1(applied ?? obj) : undefined;
    md.uid = uuid(rnd);
    md.resourceVersion = String(++rv);
    md.creationTimestamp = iso(clock);
    if ((obj.spec || obj.template) && obj.kind !== 'Pod') md.generation ??= 1;
    if (obj.metadata.namespace) namespaces.add(obj.metadata.namespace);
    if (fields) {
      delete fields['f:apiVersion'];
      delete fields['f:kind'];
      md.managedFields = [{ apiVersion: obj.apiVersion, fieldsType: 'FieldsV1', fieldsV1: fields, manager, operation: 'Update', time: iso(clock) }];
    }
    uids.set(`${obj.kind}/${md.namespace ?? ''}/${md.name}`, md.uid);
    objects.push(obj);
    clock += 1000;
    return obj;
  };
  const ownerRef = (owner) => ({ apiVersion: owner.apiVersion, blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid });
  const withStatusManager = (obj, status) => {
    obj.status = status;
    obj.metadata.managedFields.push({ apiVersion: obj.apiVersion, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': fieldsV1(status) }, manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: iso(now - 3600_000) });
  };

  const podsFor = (owner, template, count, phase) => {
    for (let i = 0; i < count; i++) {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: `${owner.metadata.name}-`, labels: { ...(template.metadata.labels ?? {}) }, name: `${owner.metadata.name}-${suffix(rnd)}`, namespace: owner.metadata.namespace, ownerReferences: [ownerRef(owner)] },
        spec: clone(template.spec),
      };
      admitPod(pod, serviceAccounts, rnd);
      pod.spec.nodeName = `node-${1 + Math.floor(rnd() * 3)}`;
      store(pod, { manager: 'kube-controller-manager' });
      const started = iso(clock);
      const running = phase === 'Running';
      pod.status = {
        conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: started, status: running || type === 'PodScheduled' || type === 'Initialized' ? 'True' : 'False', type })),
        containerStatuses: pod.spec.containers.map((c) => ({
          containerID: `containerd://${Array.from({ length: 64 }, () => Math.floor(rnd() * 16).toString(16)).join('')}`,
          image: c.image,
          imageID: `${String(c.image).split(':')[0]}@sha256:${Array.from({ length: 64 }, () => Math.floor(rnd() * 16).toString(16)).join('')}`,
          lastState: {},
          name: c.name,
          ready: running,
          restartCount: 0,
          started: running,
          state: running ? { running: { startedAt: started } } : { terminated: { containerID: 'containerd://0', exitCode: 0, finishedAt: started, reason: 'Completed', startedAt: started } },
        })),
        hostIP: `10.0.0.${10 + Math.floor(rnd() * 3)}`,
        phase,
        podIP: `10.244.${Math.floor(rnd() * 4)}.${2 + Math.floor(rnd() * 250)}`,
        qosClass: 'BestEffort',
        startTime: started,
      };
      pod.metadata.managedFields.push({ apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, manager: 'kubelet', operation: 'Update', subresource: 'status', time: started });
    }
  };

  const applied = manifests.map((m) => clone(m));
  for (const ns of new Set(applied.map((m) => m.metadata?.namespace).filter(Boolean))) {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } };
    serviceAccounts.set(`${ns}/default`, sa);
    store(sa);
  }
  for (const m of applied) if (m.kind === 'ServiceAccount') serviceAccounts.set(`${m.metadata.namespace}/${m.metadata.name}`, m);

  for (const m of applied) {
    const obj = clone(m);
    const lastApplied = `${JSON.stringify(sortKeys(m))}\n`;
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
    if (obj.kind === 'ServiceAccount') serviceAccounts.set(`${obj.metadata.namespace}/${obj.metadata.name}`, obj);
    if (obj.kind === 'Deployment') {
      obj.spec = { progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' }, ...obj.spec, template: templateDefaults(obj.spec.template) };
      obj.spec.replicas ??= 1;
    }
    if (obj.kind === 'CronJob') {
      obj.spec = { concurrencyPolicy: 'Allow', failedJobsHistoryLimit: 1, successfulJobsHistoryLimit: 3, suspend: false, ...obj.spec };
      obj.spec.jobTemplate = { metadata: { creationTimestamp: null }, spec: { ...obj.spec.jobTemplate.spec, template: templateDefaults(obj.spec.jobTemplate.spec.template) } };
    }
    store(obj, { manager: 'kubectl-client-side-apply', applied: { ...m, metadata: { ...m.metadata, annotations: { ...(m.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': '' } } } });

    if (obj.kind === 'Secret' && obj.type === 'kubernetes.io/service-account-token') {
      const saName = obj.metadata.annotations['kubernetes.io/service-account.name'];
      const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === obj.metadata.namespace && o.metadata.name === saName);
      obj.metadata.annotations['kubernetes.io/service-account.uid'] = sa?.metadata.uid ?? uuid(rnd);
      // Fake values of the right shape: base64 of text that says what it is.
      obj.data = {
        'ca.crt': Buffer.from('-----BEGIN CERTIFICATE-----\nnot a real certificate: satlint fixture\n-----END CERTIFICATE-----\n').toString('base64'),
        namespace: Buffer.from(obj.metadata.namespace).toString('base64'),
        token: Buffer.from(`fixture-token-for-${obj.metadata.namespace}-${obj.metadata.name}-not-a-real-jwt`).toString('base64'),
      };
      const h = history[obj.metadata.name] ?? {};
      const labels = {};
      if (h.lastUsed) labels['kubernetes.io/legacy-token-last-used'] = h.lastUsed;
      if (h.invalidSince) labels['kubernetes.io/legacy-token-invalid-since'] = h.invalidSince;
      if (Object.keys(labels).length > 0) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...labels };
    }

    if (obj.kind === 'Deployment') {
      const template = clone(obj.spec.template);
      const hash = suffix(random(JSON.stringify(template)), 10);
      template.metadata.labels = { ...(template.metadata.labels ?? {}), 'pod-template-hash': hash };
      const rs = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          annotations: { 'deployment.kubernetes.io/desired-replicas': String(obj.spec.replicas), 'deployment.kubernetes.io/max-replicas': String(obj.spec.replicas + Math.ceil(obj.spec.replicas / 4)), 'deployment.kubernetes.io/revision': '1' },
          labels: { ...(template.metadata.labels ?? {}) },
          name: `${obj.metadata.name}-${hash}`,
          namespace: obj.metadata.namespace,
          ownerReferences: [ownerRef(obj)],
        },
        spec: { replicas: obj.spec.replicas, selector: { matchLabels: { ...obj.spec.selector.matchLabels, 'pod-template-hash': hash } }, template },
      };
      store(rs, { manager: 'kube-controller-manager' });
      podsFor(rs, template, obj.spec.replicas, 'Running');
      withStatusManager(rs, { availableReplicas: obj.spec.replicas, fullyLabeledReplicas: obj.spec.replicas, observedGeneration: 1, readyReplicas: obj.spec.replicas, replicas: obj.spec.replicas });
      withStatusManager(obj, {
        availableReplicas: obj.spec.replicas,
        conditions: [
          { lastTransitionTime: iso(clock), lastUpdateTime: iso(clock), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
          { lastTransitionTime: iso(clock), lastUpdateTime: iso(clock), message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
        ],
        observedGeneration: 1,
        readyReplicas: obj.spec.replicas,
        replicas: obj.spec.replicas,
        updatedReplicas: obj.spec.replicas,
      });
    }

    if (obj.kind === 'CronJob') {
      const scheduled = Math.floor((now - 6 * 3600_000) / 60_000) * 60_000;
      const saved = clock;
      clock = scheduled;
      const template = clone(obj.spec.jobTemplate.spec.template);
      const job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': iso(scheduled) }, labels: {}, name: `${obj.metadata.name}-${scheduled / 60_000}`, namespace: obj.metadata.namespace, ownerReferences: [ownerRef(obj)] },
        spec: { backoffLimit: 6, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', suspend: false, template },
      };
      store(job, { manager: 'kube-controller-manager' });
      const uid = job.metadata.uid;
      const jobLabels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': job.metadata.name, 'controller-uid': uid, 'job-name': job.metadata.name };
      job.metadata.labels = jobLabels;
      job.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      template.metadata.labels = { ...(template.metadata.labels ?? {}), ...jobLabels };
      podsFor(job, template, 1, history.jobPodPhase ?? 'Succeeded');
      withStatusManager(job, { completionTime: iso(clock + 30_000), conditions: [{ lastProbeTime: iso(clock + 30_000), lastTransitionTime: iso(clock + 30_000), status: 'True', type: 'Complete' }], ready: 0, startTime: iso(scheduled), succeeded: 1, terminating: 0, uncountedTerminatedPods: {} });
      withStatusManager(obj, { lastScheduleTime: iso(scheduled), lastSuccessfulTime: iso(clock + 30_000) });
      clock = saved;
    }
  }
  // kubectl get hides managedFields unless --show-managed-fields.
  if (!managedFields) for (const o of objects) delete o.metadata.managedFields;
  return objects;
}

/** Keys sorted at every level, as kubectl prints unstructured objects. */
export function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

const TYPE_ORDER = ['ServiceAccount', 'Secret', 'Deployment', 'ReplicaSet', 'CronJob', 'Job', 'Pod', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** `kubectl get <types in TYPE_ORDER> -o …`: the objects as one List, per type, by namespace and name. */
export function asList(objects) {
  const items = [...objects].sort((a, b) => TYPE_ORDER.indexOf(a.kind) - TYPE_ORDER.indexOf(b.kind) || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** kubectl's `-o yaml` text of an object (go-yaml v2 layout: unindented sequences, sorted keys). */
export function kubectlYaml(obj) {
  return stringify(sortKeys(obj), { version: '1.1', indentSeq: false, lineWidth: 0, minContentWidth: 0, nullStr: 'null', doubleQuotedAsJSON: true, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}

/** kubectl's `-o json` text of an object. */
export function kubectlJson(obj) {
  return `${JSON.stringify(sortKeys(obj), null, 4)}\n`;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(root, 'test/fixtures/cluster-export');
/** What the fixture cluster recorded about its legacy tokens (today is 2026-12-01). */
const HISTORY = {
  'ci-deployer-token': { lastUsed: '2026-11-30' },
  'metrics-reader-token': { lastUsed: '2026-08-14' },
  'web-app-token': { lastUsed: '2025-09-02', invalidSince: '2026-09-03' },
};

/** The fixture files, by path relative to test/fixtures/cluster-export. */
export function fixtureFiles() {
  const manifests = parseAllDocuments(readFileSync(join(FIXTURES, 'applied.yaml'), 'utf8')).map((d) => d.toJS());
  const objects = simulateCluster(manifests, { history: HISTORY });
  const header = '';
  const files = { 'export.yaml': header + kubectlYaml(asList(objects)), 'export.json': kubectlJson(asList(objects)) };
  const namespaces = [...new Set(objects.map((o) => o.metadata.namespace).filter(Boolean))].sort();
  for (const ns of namespaces) files[`by-namespace/${ns}.yaml`] = kubectlYaml(asList(objects.filter((o) => o.metadata.namespace === ns)));
  files['by-namespace/_cluster.yaml'] = kubectlYaml(asList(objects.filter((o) => !o.metadata.namespace)));
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, text] of Object.entries(fixtureFiles())) {
    const path = join(FIXTURES, rel);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`stale: test/fixtures/cluster-export/${rel} (run pnpm run generate)`);
        stale++;
      }
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (stale > 0) process.exit(1);
}
