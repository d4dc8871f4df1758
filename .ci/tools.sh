#!/usr/bin/env bash
# Installs the external tools that satlint's integration tests drive, so that CI skips none of them:
# helm and kustomize (pinned, built with `go install` from the Go module proxy into ~/go/bin, which
# the machine keeps between runs) and Debian's chromium (headless browser tests).
# Idempotent: a tool already at the pinned version is not rebuilt.
set -euo pipefail

HELM_VERSION=v3.22.0
KUSTOMIZE_VERSION=v5.8.2
GOBIN="$(go env GOPATH)/bin"
export GOBIN
mkdir -p "$GOBIN"

if ! "$GOBIN/helm" version --short 2>/dev/null | grep -q "^${HELM_VERSION%.0}"; then
  echo "tools: building helm $HELM_VERSION"
  go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
fi
"$GOBIN/helm" version --short

if ! "$GOBIN/kustomize" version 2>/dev/null | grep -q "$KUSTOMIZE_VERSION"; then
  echo "tools: building kustomize $KUSTOMIZE_VERSION"
  go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
fi
"$GOBIN/kustomize" version

if ! [ -x /usr/bin/chromium ]; then
  echo "tools: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
/usr/bin/chromium --version
