#!/usr/bin/env bash
# make-fixtures.sh - records the gateway adapter's test fixtures with independent tools, never with our code.
#
#   js-ipfs 0.66.1 node  add?cid-version=0 (Kubo's default profile: CIDv0, dag-pb leaves, 256 KiB chunks),
#                        dag/export (the whole DAG, root first, depth first) and block/get (raw blocks);
#                        dag/import of the ipfs-car CAR so block/get can serve its blocks too
#   npm ipfs-car@3.1.0   pack --no-wrap (CIDv1, raw leaves, 1 MiB chunks; root block written last),
#                        blocks (the CIDs in a CAR), ls --verbose (file CIDs)
#   @ipld/car, @ipld/dag-pb (from the ipfs-car package)  entity.mjs below: the CAR a trustless gateway sends for
#                        GET /ipfs/{root}/{name}?dag-scope=entity - the root block, then the file's DAG depth first
#
# Inputs: kingman_n5_theta1/ (trace.json.gz and metadata.json of the bundled kingman_n5_theta1 trace,
# checksum.sha256 = `sha256sum trace.json.gz`), committed here; big/ is generated below (300 000 bytes of a
# fixed LCG stream as trace.json.gz, so that the CIDv0 file has two 256 KiB-chunk leaves under a file node).
#
# Output, next to this script:
#   *.car          the CARs listed in fixtures.tsv
#   blocks/*.bin   every block of those DAGs, named by CID, as js-ipfs block/get returned it
#   fixtures.tsv   car, tool, root, trace.json.gz CID, metadata.json CID, sha256 of trace.json.gz
#   kingman-v0.js-ipfs-listing.html  the js-ipfs gateway's HTML directory listing of the CIDv0 kingman root
#
# Usage: IPFS_API_URL=http://127.0.0.1:5001/api/v0 IPFS_GATEWAY_URL=http://127.0.0.1:8080 make-fixtures.sh
#        (start a node with the project's js-ipfs recipe first; needs node >= 18, npx with the npm registry, curl)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d)
API=${IPFS_API_URL:?set IPFS_API_URL to a js-ipfs node RPC API, e.g. http://127.0.0.1:5001/api/v0}
GATEWAY=${IPFS_GATEWAY_URL:?set IPFS_GATEWAY_URL to the gateway of the same node, e.g. http://127.0.0.1:8080}
IPFS_CAR=(npx --yes ipfs-car@3.1.0)

die() { echo "make-fixtures: $*" >&2; exit 1; }
curl -sf -X POST "$API/version" > /dev/null || die "no IPFS node answers at $API"

# ---- inputs ----------------------------------------------------------------------------------
mkdir -p "$WORK/big"
node -e '
let x = 20261125n; const out = Buffer.alloc(300000)
for (let i = 0; i < out.length; i++) { x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; out[i] = Number(x >> 56n) }
require("fs").writeFileSync(process.argv[1], out)' "$WORK/big/trace.json.gz"
printf '{"description":"300000 LCG bytes standing in for a trace"}\n' > "$WORK/big/metadata.json"
cp -r "$HERE/kingman_n5_theta1" "$WORK/kingman_n5_theta1"

# ---- helpers ---------------------------------------------------------------------------------
js_add_dir() { # DIR NAME -> prints "name<TAB>hash" lines of the add output
  local form=() f
  while IFS= read -r f; do form+=(-F "file=@$1/$f;filename=$2/$f"); done < <(cd "$1" && ls)
  curl -sf -X POST "${form[@]}" "$API/add?cid-version=0&pin=true&wrap-with-directory=false" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.trim().split("\n")){const o=JSON.parse(l);console.log(o.Name+"\t"+o.Hash)}})'
}
hash_of() { awk -F'\t' -v n="$2" '$1 == n { print $2 }' <<< "$1"; }

NM=$(dirname "$(dirname "$(npx --yes -p ipfs-car@3.1.0 -c 'command -v ipfs-car' 2> /dev/null)")")
[ -d "$NM/@ipld/car" ] && [ -d "$NM/@ipld/dag-pb" ] || die "cannot find ipfs-car's node_modules"
mkdir -p "$WORK/entity" && ln -sfn "$NM" "$WORK/entity/node_modules"
cat > "$WORK/entity/entity.mjs" <<'EOF'
// entity.mjs IN.car NAME OUT.car: the root block, then the DAG of entry NAME depth first (a gateway's dag-scope=entity CAR)
import fs from 'node:fs'
import { CarReader } from '@ipld/car/reader'
import { CarWriter } from '@ipld/car/writer'
import * as pb from '@ipld/dag-pb'
const [input, name, output] = process.argv.slice(2)
const reader = await CarReader.fromBytes(fs.readFileSync(input))
const [root] = await reader.getRoots()
const blocks = []
const rootBlock = await reader.get(root)
blocks.push(rootBlock)
const link = pb.decode(rootBlock.bytes).Links.find(l => l.Name === name)
if (!link) throw new Error('no entry ' + name)
const walk = async cid => {
  const block = await reader.get(cid)
  blocks.push(block)
  if (cid.code === pb.code) for (const l of pb.decode(block.bytes).Links) await walk(l.Hash)
}
await walk(link.Hash)
const { writer, out } = CarWriter.create([root])
const chunks = []
const done = (async () => { for await (const c of out) chunks.push(c) })()
for (const b of blocks) await writer.put(b)
await writer.close()
await done
fs.writeFileSync(output, Buffer.concat(chunks))
EOF

FIXTURES="$WORK/fixtures.tsv"
printf '# car\ttool\troot\ttrace.json.gz\tmetadata.json\tsha256(trace.json.gz)\n' > "$FIXTURES"
mkdir -p "$WORK/blocks"

save_blocks() { # CAR: fetch every block the CAR lists from the node with block/get
  "${IPFS_CAR[@]}" blocks "$1" 2> /dev/null | while IFS= read -r cid; do
    curl -sf -X POST "$API/block/get?arg=$cid" -o "$WORK/blocks/$cid.bin" || die "block/get $cid failed"
  done
}

kubo_fixture() { # DIR TAG
  local out root trace meta sha
  out=$(js_add_dir "$WORK/$1" "$1")
  root=$(hash_of "$out" "$1"); trace=$(hash_of "$out" "$1/trace.json.gz"); meta=$(hash_of "$out" "$1/metadata.json")
  sha=$(sha256sum "$WORK/$1/trace.json.gz" | cut -d' ' -f1)
  curl -sf -X POST "$API/dag/export?arg=$root" -o "$WORK/$2-v0.dag-export.car" || die "dag/export $root failed"
  node "$WORK/entity/entity.mjs" "$WORK/$2-v0.dag-export.car" trace.json.gz "$WORK/$2-v0.trace-entity.car"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2-v0.dag-export.car" "js-ipfs add cid-version=0 + dag/export" "$root" "$trace" "$meta" "$sha" >> "$FIXTURES"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2-v0.trace-entity.car" "entity.mjs (@ipld/car) over $2-v0.dag-export.car" "$root" "$trace" "$meta" "$sha" >> "$FIXTURES"
  save_blocks "$WORK/$2-v0.dag-export.car"
  curl -sf "$GATEWAY/ipfs/$root/" -o "$WORK/$2-v0.js-ipfs-listing.html" || die "no listing of $root"
  echo "  $2 (CIDv0): $root"
}

ipfs_car_fixture() { # DIR TAG
  local car="$WORK/$2-v1.ipfs-car.car" root ls trace meta sha
  "${IPFS_CAR[@]}" pack --no-wrap "$WORK/$1" -o "$car" > /dev/null 2>&1 || die "ipfs-car pack failed"
  root=$("${IPFS_CAR[@]}" roots "$car" 2> /dev/null)
  ls=$("${IPFS_CAR[@]}" ls "$car" --verbose 2> /dev/null)
  trace=$(awk -F'\t' '$3 == "./trace.json.gz" { print $1 }' <<< "$ls"); meta=$(awk -F'\t' '$3 == "./metadata.json" { print $1 }' <<< "$ls")
  sha=$(sha256sum "$WORK/$1/trace.json.gz" | cut -d' ' -f1)
  curl -sf -X POST -F "file=@$car" "$API/dag/import" > /dev/null || die "dag/import failed"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$2-v1.ipfs-car.car" "ipfs-car pack --no-wrap" "$root" "$trace" "$meta" "$sha" >> "$FIXTURES"
  save_blocks "$car"
  echo "  $2 (ipfs-car, CIDv1): $root"
}

echo "fixtures"
kubo_fixture kingman_n5_theta1 kingman
ipfs_car_fixture kingman_n5_theta1 kingman
kubo_fixture big big

rm -rf "$HERE/blocks" && mkdir -p "$HERE/blocks"
cp "$WORK"/blocks/*.bin "$HERE/blocks/"
cp "$FIXTURES" "$WORK/kingman-v0.js-ipfs-listing.html" "$HERE/"
grep -v '^#' "$FIXTURES" | cut -f1 | while IFS= read -r car; do cp "$WORK/$car" "$HERE/"; done
echo "wrote $HERE/fixtures.tsv, the CARs and blocks/ (work dir: $WORK)"
