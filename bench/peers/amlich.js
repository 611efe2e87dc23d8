// Peer figure for docs/performance.md: the amlich converter (npm "amlich",
// Ho Ngoc Duc's algorithm in JavaScript), solar -> lunar at UTC+7 on random
// dates 1900-2199.  Usage: npm install amlich (in a scratch directory, never
// in this repository); node amlich.js
const a = require('amlich');
let s = 0x9E3779B9 >>> 0;
function rnd() { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; }
const N = 4096, dates = [];
const t0d = Date.UTC(1900, 0, 31), t1d = Date.UTC(2199, 11, 31);
for (let i = 0; i < N; i++) { const d = new Date(t0d + (rnd() % ((t1d - t0d) / 86400000)) * 86400000); dates.push([d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()]); }
let sink = 0;
for (let i = 0; i < 20000; i++) { const d = dates[i % N]; sink += a.convertSolar2Lunar(d[0], d[1], d[2], 7)[0]; }
let best = 1e30;
for (let r = 0; r < 5; r++) { const ops = 200000; const t = process.hrtime.bigint(); for (let i = 0; i < ops; i++) { const d = dates[i % N]; sink += a.convertSolar2Lunar(d[0], d[1], d[2], 7)[0]; } const ns = Number(process.hrtime.bigint() - t) / ops; if (ns < best) best = ns; }
console.log(JSON.stringify({name: "amlich convertSolar2Lunar", ns_per_op: +best.toFixed(1), node: process.version, sink: sink % 7}));
