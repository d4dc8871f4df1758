#!/usr/bin/env bash
# The Node versions satlint supports, and the one place that lists them: the newest release of each
# supported line. Node 20 is not among them: end of life since April 2026, so it is neither tested
# nor in `engines` (test/packaging.test.ts checks that `engines` says exactly these lines).
# Each node binary comes from the npm registry (the node-linux-<arch> packages ship it; nothing else
# is downloaded), cached in ${SATLINT_NODE_CACHE:-~/.cache/satlint-node}, which the machine keeps
# between runs. Idempotent: a version already cached is not installed again.
#   .ci/node.sh install        install every version (prints nothing else)
#   .ci/node.sh path 24        the bin directory of the cached Node 24 (installed if needed)
#   .ci/node.sh versions       the versions, one a line
#   .ci/node.sh test           `pnpm test` on each version in turn, then one summary line each
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSIONS=(22.23.5 24.22.3 26.12.1)
cache="${SATLINT_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/satlint-node}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node.sh: no node package for $(uname -m)" >&2; exit 2 ;;
esac

bin_dir() { echo "$cache/$1/node_modules/node-linux-$arch/bin"; }

install_one() {
  local v=$1 dir="$cache/$1"
  if [ "$("$(bin_dir "$v")/node" --version 2>/dev/null)" = "v$v" ]; then return; fi
  echo "node.sh: installing Node $v from the npm registry (node-linux-$arch@$v)" >&2
  rm -rf "$dir.tmp.$$"
  mkdir -p "$dir.tmp.$$"
  npm install --prefix "$dir.tmp.$$" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-$arch@$v" >&2
  rm -rf "$dir"
  mv "$dir.tmp.$$" "$dir"
  [ "$("$(bin_dir "$v")/node" --version)" = "v$v" ]
}

version_of() {
  local v
  for v in "${NODE_VERSIONS[@]}"; do
    if [ "${v%%.*}" = "$1" ] || [ "$v" = "$1" ]; then echo "$v"; return; fi
  done
  echo "node.sh: Node $1 is not a supported version (${NODE_VERSIONS[*]})" >&2
  exit 2
}

case "${1:-}" in
  install)
    for v in "${NODE_VERSIONS[@]}"; do install_one "$v"; done
    ;;
  path)
    v="$(version_of "${2:?usage: node.sh path MAJOR}")"
    install_one "$v"
    bin_dir "$v"
    ;;
  versions)
    printf '%s\n' "${NODE_VERSIONS[@]}"
    ;;
  test)
    for v in "${NODE_VERSIONS[@]}"; do install_one "$v"; done
    summary=()
    failed=0
    total=(0 0 0)
    for v in "${NODE_VERSIONS[@]}"; do
      echo "--- tests on Node $v"
      log="$(mktemp)"
      start=$SECONDS
      set +e
      PATH="$(bin_dir "$v"):$PATH" npx -y pnpm@12.4.2 test 2>&1 | tee "$log"
      code=${PIPESTATUS[0]}
      set -e
      line="$(grep -a -E '^vitest: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -1 || true)"
      rm -f "$log"
      if [ -z "$line" ]; then line="vitest: 0 passed, 1 failed, 0 skipped"; fi
      read -r p f s <<< "$(echo "$line" | sed -E 's/^vitest: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')"
      total=($((total[0] + p)) $((total[1] + f)) $((total[2] + s)))
      summary+=("Node $v: exit $code after $((SECONDS - start)) s" "node-$v: $p passed, $f failed, $s skipped")
      if [ "$code" -ne 0 ]; then failed=1; fi
    done
    echo "--- test summary per Node version"
    printf '%s\n' "${summary[@]}"
    echo "total: ${total[0]} passed, ${total[1]} failed, ${total[2]} skipped"
    exit "$failed"
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
