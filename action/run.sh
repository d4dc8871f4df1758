#!/usr/bin/env bash
# The shell step of action.yml. Inputs arrive as environment variables (never spliced into the
# script text, so a crafted input cannot run commands):
#   SATLINT_PATHS       paths to lint, separated by whitespace or newlines (default ".")
#   SATLINT_SARIF_FILE  where to write SARIF (default satlint.sarif)
#   SATLINT_ARGS        extra options, separated by whitespace (e.g. "--baseline b.json")
# Writes `exit-code` and `sarif-file` to $GITHUB_OUTPUT and annotations (workflow commands) to stdout.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${here}/hook/satlint.cjs"
sarif="${SATLINT_SARIF_FILE:-satlint.sarif}"
cache="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/satlint-cache"

read -r -a paths <<< "$(printf '%s' "${SATLINT_PATHS:-.}" | tr '\n' ' ')"
extra=()
if [ -n "${SATLINT_ARGS:-}" ]; then read -r -a extra <<< "$(printf '%s' "${SATLINT_ARGS}" | tr '\n' ' ')"; fi
[ "${#paths[@]}" -gt 0 ] || paths=(.)

# SARIF for code scanning, then annotations for the pull request; the second run is answered from
# the cache the first one wrote.
node "$bin" --cache --cache-location "$cache" "${extra[@]}" --format sarif --output-file "$sarif" -- "${paths[@]}"
code=$?
node "$bin" --cache --cache-location "$cache" "${extra[@]}" --format github -- "${paths[@]}"

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=${code}"
    echo "sarif-file=${sarif}"
  } >> "$GITHUB_OUTPUT"
fi
echo "satlint exited with ${code}" >&2
exit 0
