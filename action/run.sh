#!/usr/bin/env bash
# The shell step of action.yml. Inputs arrive as environment variables (never spliced into the
# script text, so a crafted input cannot run commands):
#   SATLINT_PATHS       paths to lint (default "."): one per line; a single line is split at
#                       whitespace (so a path with spaces needs a line of its own)
#   SATLINT_SARIF_FILE  where to write SARIF (default satlint.sarif)
#   SATLINT_ARGS        extra satlint arguments: one argument per line, exactly as satlint gets it
#                       (`--rule` on one line, `no-automount-token: off` on the next); a single line
#                       without quotes or backslashes is split at whitespace ("--max-warnings 0")
#   SATLINT_SUMMARY     "true" (default): append the markdown report (-f markdown) to
#                       $GITHUB_STEP_SUMMARY, the job's summary page
# Writes `exit-code` and `sarif-file` to $GITHUB_OUTPUT, annotations (workflow commands) to stdout.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${here}/hook/satlint.cjs"
sarif="${SATLINT_SARIF_FILE:-satlint.sarif}"
cache="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/satlint-cache"

fail() {
  echo "::error title=satlint action::$1"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "exit-code=2" >> "$GITHUB_OUTPUT"; fi
  echo "satlint exited with 2" >&2
  exit 0
}

# split NAME VALUE: the words of a multi-line input into the array NAME (see above).
split() {
  local -n out=$1
  local value=$2 line
  out=()
  if [[ "$value" == *$'\n'* ]]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line%$'\r'}"
      line="${line#"${line%%[![:space:]]*}"}"
      line="${line%"${line##*[![:space:]]}"}"
      [ -n "$line" ] && out+=("$line")
    done <<< "$value"
  elif [[ "$value" == *[\'\"\\]* ]]; then
    fail "$3 has quotes or backslashes on a single line, which would be ambiguous: give one argument per line (a YAML block scalar, |)"
  else
    read -r -a out <<< "$value"
  fi
}

# The report file name goes into $GITHUB_OUTPUT, one line per output: a newline would forge outputs.
if [[ "$sarif" == *$'\n'* || "$sarif" == *$'\r'* ]]; then fail "sarif-file must be one line"; fi
split paths "${SATLINT_PATHS:-.}" paths
split extra "${SATLINT_ARGS:-}" args
[ "${#paths[@]}" -gt 0 ] || paths=(.)

# SARIF for code scanning, then annotations for the pull request and the job summary; those runs
# are answered from the cache the first one wrote.
node "$bin" --cache --cache-location "$cache" "${extra[@]}" --format sarif --output-file "$sarif" -- "${paths[@]}"
code=$?
node "$bin" --cache --cache-location "$cache" "${extra[@]}" --format github -- "${paths[@]}"
if [ "${SATLINT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  node "$bin" --cache --cache-location "$cache" "${extra[@]}" --format markdown -- "${paths[@]}" >> "$GITHUB_STEP_SUMMARY"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=${code}"
    echo "sarif-file=${sarif}"
  } >> "$GITHUB_OUTPUT"
fi
echo "satlint exited with ${code}" >&2
exit 0
