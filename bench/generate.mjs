// Synthetic repositories with realistic shapes: per app a ServiceAccount, Deployment, Service,
// ConfigMap, Role and RoleBinding (some apps insecure), 50 documents per file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateCluster, asList, kubectlYaml, kubectlJson } from '../scripts/cluster-export.mjs';

function app(i) {
  const ns = `team-${i % 97}`;
  const name = `svc-${i}`;
  const insecure = i % 4 === 0;
  return [
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {app: ${name}, tier: backend}\n${insecure ? '' : 'automountServiceAccountToken: false\n'}`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: {app: ${name}}\n  annotations:\n    deployment.kubernetes.io/revision: "${i % 7}"\nspec:\n  replicas: ${1 + (i % 3)}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}, version: v${i % 5}}\n    spec:\n      serviceAccountName: ${name}\n${insecure ? '' : '      automountServiceAccountToken: false\n'}      securityContext: {runAsNonRoot: true, runAsUser: 10001}\n      containers:\n        - name: app\n          image: registry.example.com/${name}:1.${i % 10}.0\n          ports: [{containerPort: 8080, name: http}]\n          env:\n            - {name: LOG_LEVEL, value: info}\n            - {name: DB_HOST, valueFrom: {configMapKeyRef: {name: ${name}, key: db_host}}}\n          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}\n          readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 10}\n`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80, targetPort: http}]\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  db_host: db.${ns}.svc\n  settings.json: '{"featureA": true, "limit": ${i}}'\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}\n${insecure ? '  - {apiGroups: [""], resources: [secrets], verbs: [get]}\n' : ''}`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${name}}\nsubjects: [{kind: ServiceAccount, name: ${name}, namespace: ${ns}}]\n`,
  ];
}

/** Writes a repository of about `documents` documents into `dir`; returns { files, bytes, documents }. */
export function generateRepo(dir, documents) {
  mkdirSync(dir, { recursive: true });
  const docs = [];
  for (let i = 0; docs.length < documents; i++) docs.push(...app(i));
  docs.length = documents;
  let bytes = 0;
  let files = 0;
  for (let i = 0; i < docs.length; i += 50) {
    const text = docs.slice(i, i + 50).join('---\n');
    bytes += Buffer.byteLength(text);
    writeFileSync(join(dir, `part-${String(files).padStart(5, '0')}.yaml`), text);
    files++;
  }
  return { files, bytes, documents: docs.length };
}

/** A CustomResourceDefinition of install-bundle size (~40 KB: an OpenAPI schema of many described fields). */
function crd(i) {
  const fields = Array.from({ length: 120 }, (_, f) => `                field${f}:\n                  description: Field ${f} of widget kind ${i}, what the controller reconciles, in prose as long as real CRDs carry for each field of their schemas.\n                  type: ${f % 3 === 0 ? 'string' : f % 3 === 1 ? 'integer' : 'boolean'}\n`).join('');
  return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets${i}.example.com\nspec:\n  group: example.com\n  names: {kind: Widget${i}, plural: widgets${i}, singular: widget${i}}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n${fields}`;
}

/**
 * Writes about `mb` MB of install bundles into `dir`, one file per operator: three CRDs (most of the
 * bytes, as in real bundles) and the operator's ServiceAccount, Deployment, Role and RoleBinding;
 * returns { files, bytes, documents }.
 */
export function generateBundles(dir, mb) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let files = 0;
  let documents = 0;
  for (let i = 0; bytes < mb * 1e6; i++) {
    const [sa, deployment, , , role, binding] = app(i);
    const docs = [crd(3 * i), crd(3 * i + 1), crd(3 * i + 2), sa, deployment, role, binding];
    const text = docs.join('---\n');
    bytes += Buffer.byteLength(text);
    documents += docs.length;
    writeFileSync(join(dir, `operator-${String(files).padStart(5, '0')}.yaml`), text);
    files++;
  }
  return { files, bytes, documents };
}

// Cluster exports: the objects a cluster holds for `pods` pods and their owners (Deployments →
// ReplicaSets → Pods, every tenth app a CronJob → Job → Pod), with ServiceAccounts, RBAC and some
// legacy token Secrets, as `kubectl get … -A -o yaml|json` prints them (no managedFields, kubectl's
// default), built by scripts/cluster-export.mjs from the same apps as generateRepo.

function appManifests(i) {
  const ns = `team-${i % 97}`;
  const name = `svc-${i}`;
  const insecure = i % 4 === 0;
  const out = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, ...(insecure ? {} : { automountServiceAccountToken: false }) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }, ...(insecure ? [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] : [])] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name }, subjects: [{ kind: 'ServiceAccount', name, namespace: ns }] },
  ];
  const podSpec = {
    serviceAccountName: name,
    ...(insecure ? {} : { automountServiceAccountToken: false }),
    securityContext: { runAsNonRoot: true, runAsUser: 10001 },
    containers: [{ name: 'app', image: `registry.example.com/${name}:1.${i % 10}.0`, ports: [{ containerPort: 8080, name: 'http' }], env: [{ name: 'LOG_LEVEL', value: 'info' }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }],
  };
  if (i % 10 === 9) {
    out.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: ns }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec, restartPolicy: 'Never' } } } } } });
  } else {
    out.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, labels: { app: name } }, spec: { replicas: 1 + (i % 5), selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } } });
  }
  if (i % 25 === 0) out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${name}-token`, namespace: ns, annotations: { 'kubernetes.io/service-account.name': name } }, type: 'kubernetes.io/service-account-token' });
  return out;
}

/**
 * Writes a cluster export with about `pods` Pods into `dir` as one `-o yaml` List (export.yaml) or
 * `-o json` (export.json); returns { files, bytes, documents, objects, pods }.
 */
export function generateExport(dir, pods, { json = false } = {}) {
  mkdirSync(dir, { recursive: true });
  const manifests = [];
  let count = 0;
  for (let i = 0; count < pods; i++) {
    const m = appManifests(i);
    manifests.push(...m);
    count += i % 10 === 9 ? 1 : 1 + (i % 5);
  }
  const objects = simulateCluster(manifests, { seed: `bench-${pods}`, managedFields: false });
  const list = asList(objects);
  const text = json ? kubectlJson(list) : kubectlYaml(list);
  const file = join(dir, json ? 'export.json' : 'export.yaml');
  writeFileSync(file, text);
  return { files: 1, bytes: Buffer.byteLength(text), documents: 1, objects: objects.length, pods: objects.filter((o) => o.kind === 'Pod').length };
}
