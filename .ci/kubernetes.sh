#!/usr/bin/env bash
# Live differential comparison with Kubernetes' own code (issue 15): builds the Go oracle in
# conformance/kubernetes (k8s.io/kubernetes v1.31; the Go build cache in ~/.cache/go-build keeps
# rebuilds cheap, a cold build takes about a quarter of an hour on 2 cores), re-records its verdicts,
# compares satlint with them, and fails when a disagreement is not in divergences.json or when the
# committed recorded verdicts differ from what Kubernetes' code answers now. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then echo "kubernetes comparison: go is not installed"; exit 1; fi
go version
start=$(date +%s)
node scripts/conformance-kubernetes.mjs
if ! git diff --quiet -- conformance/kubernetes/recorded; then
  git diff --stat -- conformance/kubernetes/recorded
  echo "kubernetes comparison: the committed recorded verdicts differ from Kubernetes' live answers; run pnpm conformance:kubernetes and commit conformance/kubernetes/recorded"
  exit 1
fi
echo "kubernetes comparison: $(( $(date +%s) - start )) s"
