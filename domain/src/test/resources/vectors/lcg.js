// Deterministic test bytes, identical to LcgInputStream in the Java tests:
//   s(0) = seed; s(i+1) = s(i) * 1664525 + 1013904223 (mod 2^32); byte(i) = s(i+1) >>> 24
// usage: node lcg.js SEED LENGTH OUTFILE
'use strict'
const fs = require('fs')
const seed = Number(process.argv[2]) >>> 0
let remaining = Number(process.argv[3])
const fd = fs.openSync(process.argv[4], 'w')
const buf = Buffer.alloc(1 << 20)
let s = seed
while (remaining > 0) {
  const n = Math.min(buf.length, remaining)
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    buf[i] = s >>> 24
  }
  fs.writeSync(fd, buf, 0, n)
  remaining -= n
}
fs.closeSync(fd)
