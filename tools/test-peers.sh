#!/usr/bin/env bash
# test-peers.sh - installs a test peer (an npm package pinned by a lock file in tools/NAME/) once per machine
# into the one shared cache, and prints the folder that holds its node_modules.
#
# Usage: test-peers.sh install NAME        NAME: ipfs-car | ipfs-node
#
# Cache: $PHASIC_TRACES_TEST_PEERS, default ${XDG_CACHE_HOME:-~/.cache}/phasic-traces-test-peers/NAME; a marker
# records the lock file's SHA-256, so a changed lock file reinstalls. Parallel builds wait on a lock (flock).
# Installing needs node and npm, and the npm registry unless npm's own cache already holds every package.
# Exit 0: the last line of stdout is the folder. Exit 75: the peer cannot be installed on this machine (no
# node/npm, or npm cannot reach its registry); the reason is the last line of stderr. Exit 1: anything else.
set -euo pipefail

UNAVAILABLE=75
die() { echo "test-peers: $*" >&2; exit 1; }
unavailable() { echo "test-peers: $*" >&2; exit "$UNAVAILABLE"; }

[ "${1:-}" = install ] && [ $# -eq 2 ] || die "usage: $0 install NAME"
name=$2
recipe="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$name"
[ -f "$recipe/package-lock.json" ] || die "unknown test peer '$name' (no $recipe/package-lock.json)"
root=${PHASIC_TRACES_TEST_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/phasic-traces-test-peers}
dir="$root/$name"
mkdir -p "$dir"

wanted=$(sha256sum "$recipe/package-lock.json" | cut -d' ' -f1)
installed() { [ -d "$dir/node_modules" ] && [ "$(cat "$dir/installed-lock.sha256" 2> /dev/null)" = "$wanted" ]; }

if ! installed; then
  if command -v flock > /dev/null; then
    exec 9> "$dir/.install.lock"
    flock 9
  fi
fi
if installed; then
  echo "$dir"
  exit 0
fi

for tool in node npm; do
  command -v "$tool" > /dev/null || unavailable "$name needs $tool, which is not on PATH (install Node.js >= 18 with npm)"
done
rm -f "$dir/installed-lock.sha256"
cp "$recipe/package.json" "$recipe/package-lock.json" "$dir/"
log="$dir/npm-install.log"
with_timeout() { if command -v timeout > /dev/null; then timeout "$@"; else shift; "$@"; fi; }
npm_ci() { (cd "$dir" && npm ci --omit=optional --no-audit --no-fund --update-notifier=false "$@") > "$log" 2>&1; }

# npm's own cache may hold every package already (no network needed); otherwise the registry must answer.
if ! npm_ci --offline; then
  if ! ping_output=$(cd "$dir" && with_timeout 60 npm ping --fetch-retries=1 2>&1); then
    reason=$(echo "$ping_output" | grep -m1 -E 'reason:|Error:' || echo "$ping_output" | grep -m1 'npm error' || true)
    unavailable "$name cannot be installed: npm cannot reach its registry (${reason#npm error })"
  fi
  echo "installing $name with npm ci into $dir (once per machine)" >&2
  npm_ci --prefer-offline || { tail -20 "$log" >&2; die "npm ci for $name failed; see $log"; }
fi
echo "$wanted" > "$dir/installed-lock.sha256"
echo "$dir"
