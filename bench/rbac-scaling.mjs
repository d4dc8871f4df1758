#!/usr/bin/env node
// How linting scales with the number of workloads and RBAC bindings (issue 4: must not be
// quadratic). Generates N namespaces-worth of workloads, each with its own ServiceAccount, Role and
// RoleBinding, plus a few ClusterRoleBindings to groups, and times lint() with every rule on.
// Prints a table; run with: node bench/rbac-scaling.mjs [sizes...]   (needs `pnpm build`)
import { performance } from 'node:perf_hooks';
import { lint } from '@satlint/core';

function generate(n) {
  const docs = [];
  for (let i = 0; i < n; i++) {
    const ns = `team-${i % 200}`;
    docs.push(`apiVersion: v1
kind: ServiceAccount
metadata: {name: app-${i}, namespace: ${ns}}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-${i}, namespace: ${ns}}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}
  - {apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [app-${i}-tls]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-${i}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-${i}}
subjects: [{kind: ServiceAccount, name: app-${i}, namespace: ${ns}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      serviceAccountName: app-${i}
      automountServiceAccountToken: ${i % 3 === 0 ? 'true' : 'false'}
      containers: [{name: app, image: registry.example.com/app:${i}}]
`);
  }
  for (let g = 0; g < 5; g++) {
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: view-${g}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: "system:serviceaccounts:team-${g}"}]
`);
  }
  // One file per 100 workloads, as a repository would hold them.
  const files = [];
  for (let i = 0; i < docs.length; i += 100) files.push({ path: `k8s/part-${i / 100}.yaml`, text: docs.slice(i, i + 100).join('---\n') });
  return files;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const runs = sizes.length > 0 ? sizes : [1000, 2500, 5000, 10000];
console.log('| workloads | bindings | documents | lint (ms) | µs per workload |');
console.log('|---:|---:|---:|---:|---:|');
for (const n of runs) {
  const files = generate(n);
  lint(files.slice(0, 1)); // warm up
  const t0 = performance.now();
  const results = lint(files);
  const ms = performance.now() - t0;
  const findings = results.reduce((a, r) => a + r.messages.length, 0);
  if (findings === 0) throw new Error('expected findings (every third workload mounts a token)');
  console.log(`| ${n} | ${n + 5} | ${n * 4 + 5} | ${ms.toFixed(0)} | ${((ms * 1000) / n).toFixed(0)} |`);
}
