#!/usr/bin/env bash
# make-vectors.sh - records UnixFS/CAR test vectors with independent implementations (never with our code).
#
#   npm ipfs-car@3.1.0     npx --yes ipfs-car@3.1.0 pack --no-wrap PATH -o X.car; ipfs-car roots X.car
#                          (CIDv1, raw leaves, 1 MiB chunks, 1024 links)
#   Debian ipfs-cid        ipfs_cid FILE   (Kubo defaults: CIDv0, 256 KiB chunks, dag-pb leaves, 174 links)
#   js-ipfs 0.66.1 node    POST $IPFS_API_URL/add?only-hash=true&cid-version=..&raw-leaves=..&chunker=size-N
#                          (optional; start one with the project's js-ipfs recipe and export IPFS_API_URL,
#                          e.g. IPFS_API_URL=http://127.0.0.1:5001/api/v0)
#
# Inputs are never committed: lcg.js makes them (the Java tests use the identical LcgInputStream); trees are
# described by small-tree.tsv / big-tree.tsv / empty-dir.tsv (path, seed, size). Output, next to this script:
#   vectors.tsv   kind  name  seed  size  profile  tool  cid
#                 kind: file | tree; profile: cidVersion:rawLeaves:chunkSize:maxLinks
#   *.car         small CAR fixtures written by ipfs-car and js-ipfs (dag/export), and evil-dotdot.car
#   fixtures.tsv  car file, tool, root, import profile, what it holds (file SEED SIZE | tree SPEC)
#
# Usage: make-vectors.sh [WORKDIR]      (needs node >= 18, npx with the npm registry, ipfs_cid, curl)
# Set SKIP_HUGE=1 to leave out the 1 GiB + 1 byte ipfs-car vector.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=${1:-$(mktemp -d)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
IPFS_CAR=(npx --yes ipfs-car@3.1.0)
API=${IPFS_API_URL:-}

KUBO=0:false:262144:174
KUBO_V1=1:true:262144:174
IPFS_CAR_PROFILE=1:true:1048576:1024

die() { echo "make-vectors: $*" >&2; exit 1; }
command -v node > /dev/null || die "node is required"
command -v ipfs_cid > /dev/null || die "ipfs_cid is required (apt-get install ipfs-cid)"
if [ -n "$API" ]; then
  curl -sf -X POST "$API/version" > /dev/null || die "no IPFS node answers at $API"
else
  echo "make-vectors: IPFS_API_URL not set, js-ipfs vectors are left out" >&2
fi

ROWS="$WORK/vectors.tsv"
FIXTURES="$WORK/fixtures.tsv"
printf '# kind\tname\tseed\tsize\tprofile\ttool\tcid\n' > "$ROWS"
printf '# car\ttool\troot\tprofile\tcontent\n' > "$FIXTURES"

row() { # KIND NAME SEED SIZE PROFILE TOOL CID
  [[ "$7" =~ ^(Qm|baf|z) ]] || die "$6 gave no CID for $2 with $5"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$ROWS"; echo "  $6 $5 -> $7"
}

# ipfs-car pack --no-wrap; prints the root reported by `ipfs-car roots`.
car_pack() { # SRC OUT.car
  "${IPFS_CAR[@]}" pack --no-wrap "$1" -o "$2" > /dev/null 2> "$WORK/pack.log" || { cat "$WORK/pack.log" >&2; die "pack failed"; }
  "${IPFS_CAR[@]}" roots "$2" 2> /dev/null
}

# js-ipfs add, only-hash unless ONLY_HASH=false; prints the Hash of the entry named $2.
js_add() { # QUERY NAME CURL_FORM_ARGS...
  local query=$1 name=$2; shift 2
  curl -sf -X POST "$@" "$API/add?only-hash=${ONLY_HASH:-true}&pin=false&$query" \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.trim().split("\n")){const o=JSON.parse(l);if(o.Name===process.argv[1]){console.log(o.Hash);return}}process.exit(1)})' "$name"
}

profile_query() { # PROFILE -> js-ipfs add parameters (js-ipfs always uses 174 links)
  IFS=: read -r v raw chunk links <<< "$1"
  [ "$links" = 174 ] || die "js-ipfs cannot set max links $links"
  base_query "$v" "raw-leaves=$raw&chunker=size-$chunk"
}

base_query() { # CID_VERSION REST -> query; CIDv1 answers are asked for in base32 (js-ipfs defaults to base58btc)
  if [ "$1" = 1 ]; then echo "cid-version=1&cid-base=base32&$2"; else echo "cid-version=0&$2"; fi
}

file_vector() { # NAME SEED SIZE [js-ipfs profiles...]
  local name=$1 seed=$2 size=$3; shift 3
  local f="$WORK/$name.bin"
  echo "file $name ($size bytes)"
  node "$HERE/lcg.js" "$seed" "$size" "$f"
  if [ "$size" -le 200000000 ]; then
    row file "$name" "$seed" "$size" "$KUBO" ipfs_cid "$(ipfs_cid "$f" 2> /dev/null | sed -n 's/.*"CIDv0":"\([^"]*\)".*/\1/p')"
  fi
  row file "$name" "$seed" "$size" "$IPFS_CAR_PROFILE" ipfs-car "$(car_pack "$f" "$WORK/$name.car")"
  rm -f "$WORK/$name.car"
  if [ -n "$API" ]; then
    for p in "$@"; do
      row file "$name" "$seed" "$size" "$p" js-ipfs "$(js_add "$(profile_query "$p")" "$name.bin" -F "file=@$f;filename=$name.bin")"
    done
  fi
  rm -f "$f"
}

STANDARD=("$KUBO" "$KUBO_V1" 0:true:262144:174 1:true:1048576:174)
file_vector empty 1 0 "${STANDARD[@]}"
file_vector one 2 1 "${STANDARD[@]}"
file_vector chunk-minus-1 3 262143 "${STANDARD[@]}"
file_vector chunk 4 262144 "${STANDARD[@]}"
file_vector chunk-plus-1 5 262145 "${STANDARD[@]}"
file_vector mib-plus-1 6 1048577 "${STANDARD[@]}"
file_vector ten-mib 7 10485760 "${STANDARD[@]}"
file_vector links-174 8 45613056 "${STANDARD[@]}"
file_vector links-174-plus-1 9 45613057 "${STANDARD[@]}"
# small chunks: two and three levels of the balanced tree cheaply (js-ipfs only, besides the defaults)
file_vector small-depth2 10 178177 0:false:1024:174 1:true:1024:174 1:false:1024:174
file_vector small-depth3 11 31002625 0:false:1024:174 1:true:1024:174
if [ "${SKIP_HUGE:-0}" != 1 ]; then
  file_vector gib-plus-1 12 1073741825   # 1024 x 1 MiB + 1: ipfs-car's second level
fi

make_tree() { # SPEC DIR
  rm -rf "$2"; mkdir -p "$2"
  while IFS=$'\t' read -r path seed size; do
    mkdir -p "$2/$(dirname "$path")"
    node "$HERE/lcg.js" "$seed" "$size" "$2/$path"
  done < "$1"
}

tree_form() { # DIR NAME -> curl -F arguments for every non-hidden file, named NAME/relative/path
  (cd "$1" && find . -type f | sort) | while IFS= read -r f; do
    rel=${f#./}
    case "/$rel" in */.*) continue ;; esac
    printf '%s\0' -F "file=@$1/$rel;filename=$2/$rel"
  done
}

tree_vector() { # NAME [js-ipfs profiles...]
  local name=$1; shift
  local dir="$WORK/$name"
  echo "tree $name"
  make_tree "$HERE/$name.tsv" "$dir"
  row tree "$name" - - "$IPFS_CAR_PROFILE" ipfs-car "$(car_pack "$dir" "$WORK/$name.car")"
  if [ -n "$API" ]; then
    local form=(); while IFS= read -r -d '' a; do form+=("$a"); done < <(tree_form "$dir" "$name")
    for p in "$@"; do
      row tree "$name" - - "$p" js-ipfs "$(js_add "$(profile_query "$p")&wrap-with-directory=false" "$name" "${form[@]}")"
    done
  fi
}

tree_vector small-tree "${STANDARD[@]}"
tree_vector big-tree "${STANDARD[@]}"

# An empty directory (Kubo keeps empty directories; ipfs-car and js-ipfs add cannot express one):
# js-ipfs MFS files/mkdir + files/stat. empty-dir.tsv is the (empty) tree spec.
if [ -n "$API" ]; then
  echo "tree empty-dir"
  for p in "$KUBO" "$KUBO_V1"; do
    d="/empty-dir-${p%%:*}-$$"
    curl -sf -X POST "$API/files/mkdir?arg=$d&cid-version=${p%%:*}" > /dev/null
    row tree empty-dir - - "$p" "js-ipfs files/mkdir" \
      "$(curl -sf -X POST "$API/files/stat?arg=$d" | sed -n 's/.*"Hash":"\([^"]*\)".*/\1/p')"
    curl -sf -X POST "$API/files/rm?arg=$d&recursive=true" > /dev/null
  done
fi

# ---- CAR fixtures (small enough to commit) -----------------------------------------------------------
echo "fixtures"
cp "$WORK/small-tree.car" "$WORK/small-tree.ipfs-car.car"
printf 'small-tree.ipfs-car.car\tipfs-car pack --no-wrap\t%s\t'"$IPFS_CAR_PROFILE"'\ttree small-tree\n' \
  "$("${IPFS_CAR[@]}" roots "$WORK/small-tree.ipfs-car.car" 2> /dev/null)" >> "$FIXTURES"
"${IPFS_CAR[@]}" pack --no-wrap "$WORK/small-tree/B.bin" -o "$WORK/b-bin.ipfs-car.car" > /dev/null 2>&1
printf 'b-bin.ipfs-car.car\tipfs-car pack --no-wrap\t%s\t'"$IPFS_CAR_PROFILE"'\tfile 22 2000\n' \
  "$("${IPFS_CAR[@]}" roots "$WORK/b-bin.ipfs-car.car" 2> /dev/null)" >> "$FIXTURES"

if [ -n "$API" ]; then
  export_car() { # ROOT OUT
    curl -sf -X POST "$API/dag/export?arg=$1" -o "$2" || die "dag/export $1 failed"
  }
  # a 3-level file (176 leaves of 64 bytes + 1) with dag-pb leaves, and with raw leaves
  node "$HERE/lcg.js" 13 11201 "$WORK/depth2.bin"
  for spec in "0:false:v0" "1:true:v1"; do
    IFS=: read -r v raw tag <<< "$spec"
    root=$(ONLY_HASH=false js_add "$(base_query "$v" "raw-leaves=$raw&chunker=size-64")" depth2.bin -F "file=@$WORK/depth2.bin;filename=depth2.bin")
    export_car "$root" "$WORK/depth2-$tag.js-ipfs.car"
    printf 'depth2-%s.js-ipfs.car\tjs-ipfs add cid-version=%s raw-leaves=%s chunker=size-64 + dag/export\t%s\t%s\tfile 13 11201\n' \
      "$tag" "$v" "$raw" "$root" "$v:$raw:64:174" >> "$FIXTURES"
  done
  form=(); while IFS= read -r -d '' a; do form+=("$a"); done < <(tree_form "$WORK/small-tree" small-tree)
  root=$(ONLY_HASH=false js_add "cid-version=0&wrap-with-directory=false" small-tree "${form[@]}")
  export_car "$root" "$WORK/small-tree-v0.js-ipfs.car"
  printf 'small-tree-v0.js-ipfs.car\tjs-ipfs add cid-version=0 + dag/export\t%s\t%s\ttree small-tree\n' "$root" "$KUBO" >> "$FIXTURES"
fi

# A well-formed CAR whose root directory has an entry named "../evil", written with @ipld/dag-pb and
# @ipld/car from the ipfs-car package (not with our code).
NM=$(dirname "$(dirname "$(npx --yes -p ipfs-car@3.1.0 -c 'command -v ipfs-car' 2> /dev/null)")")
[ -d "$NM/@ipld/car" ] || die "cannot find ipfs-car's node_modules"
mkdir -p "$WORK/evil" && ln -sfn "$NM" "$WORK/evil/node_modules"
cat > "$WORK/evil/evil.mjs" <<'EOF'
import fs from 'node:fs'
import * as pb from '@ipld/dag-pb'
import * as raw from 'multiformats/codecs/raw'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { CarWriter } from '@ipld/car/writer'
const payload = new TextEncoder().encode('pwned\n')
const leaf = CID.create(1, raw.code, await sha256.digest(payload))
const dirBytes = pb.encode(pb.prepare({
  Data: Uint8Array.of(0x08, 0x01), // UnixFS Type = Directory
  Links: [{ Name: '../evil', Tsize: payload.length, Hash: leaf }]
}))
const root = CID.create(1, pb.code, await sha256.digest(dirBytes))
const { writer, out } = CarWriter.create([root])
const chunks = []
const done = (async () => { for await (const c of out) chunks.push(c) })()
await writer.put({ cid: root, bytes: dirBytes })
await writer.put({ cid: leaf, bytes: payload })
await writer.close()
await done
fs.writeFileSync(process.argv[2], Buffer.concat(chunks))
console.log(root.toString())
EOF
root=$(node "$WORK/evil/evil.mjs" "$WORK/evil-dotdot.car")
printf 'evil-dotdot.car\t@ipld/dag-pb + @ipld/car (evil.mjs in this script)\t%s\t-\tdirectory with entry ../evil\n' "$root" >> "$FIXTURES"

cp "$ROWS" "$FIXTURES" "$HERE/"
grep -v '^#' "$FIXTURES" | cut -f1 | while IFS= read -r car; do cp "$WORK/$car" "$HERE/"; done
echo "wrote $HERE/vectors.tsv, $HERE/fixtures.tsv and the CAR fixtures (work dir: $WORK)"
