#!/usr/bin/env bash
# The npm package as a user gets it: build it, `npm pack` it, install the
# tarball into an empty scratch project and run build/smoke.mjs there under
# every runtime named (each a command on PATH: node, bun).
#
#   bash build/npm_smoke.sh node bun
#
# Prints each runtime's "npm-smoke (...): N passed, N failed" line and exits
# non-zero if any check failed or a runtime is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DENO=${DENO:-"npx -y deno@2.9.6"}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

start=$(date +%s%N)
$DENO task build:npm
tarball=$(cd "$scratch" && npm pack --silent "$root/dist/npm")
echo "npm pack: $tarball ($(wc -c <"$scratch/$tarball") bytes)"
mkdir "$scratch/project"
cd "$scratch/project"
echo '{ "name": "npy-smoke", "private": true, "type": "module" }' >package.json
npm install --silent --no-audit --no-fund "$scratch/$tarball"
cp "$root/build/smoke.mjs" .
echo "npm-smoke: packed and installed in $(( ($(date +%s%N) - start) / 1000000 )) ms"

status=0
for runtime in "$@"; do
  if ! command -v "$runtime" >/dev/null; then
    echo "npm-smoke ($runtime): 0 passed, 1 failed ($runtime is not on PATH)"
    status=1
    continue
  fi
  t=$(date +%s%N)
  code=0
  "$runtime" smoke.mjs "$root/build/testdata" | tee out.txt || code=$?
  if ! grep -qE '^npm-smoke \(.*\): [0-9]+ passed' out.txt; then
    echo "npm-smoke ($runtime): 0 passed, 1 failed (it stopped with status $code before its summary)"
  fi
  [ "$code" = 0 ] || status=$code
  echo "npm-smoke: $runtime took $(( ($(date +%s%N) - t) / 1000000 )) ms"
done
# The `npy` bin, as `npx npy` (Node) and `bunx --bun npy` (Bun) run it.
if node -e 'process.exit(require("./node_modules/@npy/npy/package.json").bin ? 0 : 1)'; then
  for runtime in "$@"; do
    case $runtime in
      node) cmd=(npx --no-install npy) ;;
      bun) cmd=(bun x --bun npy) ;;
      *) continue ;;
    esac
    if out=$("${cmd[@]}" show "$root/build/testdata/f8_3x4.npy" 2>&1) && grep -q -- "-0.75" <<<"$out"; then
      echo "ok   ${cmd[*]} show f8_3x4.npy"
      echo "npm-smoke (${cmd[*]}): 1 passed, 0 failed"
    else
      echo "FAIL ${cmd[*]} show f8_3x4.npy: $out"
      echo "npm-smoke (${cmd[*]}): 0 passed, 1 failed"
      status=1
    fi
  done
else
  echo "npm-smoke: npx npy / bunx npy not run: the package has no bin (see build:npm's warning)"
fi
exit "$status"
