#!/usr/bin/env bash
# start-test-node.sh DIR API_PORT GATEWAY_PORT - what the tests run: installs js-ipfs once per machine into the
# shared test-peer cache (../test-peers.sh), links its node_modules into DIR and starts the node there with
# start-ipfs-node.sh. Exit 75 (with the reason on stderr) when it cannot run on this machine: no node, npm or
# curl, or npm cannot reach its registry for the first install.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -eq 3 ] || { echo "usage: $0 DIR API_PORT GATEWAY_PORT" >&2; exit 1; }
command -v curl > /dev/null || { echo "test-peers: the js-ipfs test node needs curl, which is not on PATH" >&2; exit 75; }
cache=$(bash "$here/../test-peers.sh" install ipfs-node | tail -1)
mkdir -p "$1"
ln -sfn "$cache/node_modules" "$1/node_modules"
exec bash "$here/start-ipfs-node.sh" start "$@"
