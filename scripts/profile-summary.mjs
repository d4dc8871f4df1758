#!/usr/bin/env node
// Self time by area from a V8 CPU profile directory: node --cpu-prof --cpu-prof-dir=DIR packages/cli/bin/satlint.js ...; node scripts/profile-summary.mjs DIR
import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2];
const prof = JSON.parse(readFileSync(dir + '/' + readdirSync(dir)[0], 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
let total = 0;
const area = (n) => {
  const u = n.callFrame.url; const f = n.callFrame.functionName;
  if (f === '(garbage collector)') return 'GC';
  if (f === '(idle)' || f === '(program)') return f;
  if (u.includes('/yaml/dist/parse/lexer')) return 'yaml lexer';
  if (u.includes('/yaml/dist/parse/')) return 'yaml parser (CST)';
  if (u.includes('/yaml/dist/compose')) return 'yaml compose';
  if (u.includes('/yaml/')) return 'yaml other';
  if (u.includes('parse/scan.js')) return 'satlint scanner';
  if (u.includes('parse/yaml11.js')) return 'satlint YAML 1.1 scalars';
  if (u.includes('core/dist/rules')) return 'satlint rules';
  if (u.includes('core/dist/parse')) return 'satlint parse other';
  if (u.includes('core/dist')) return 'satlint core other';
  if (u.includes('cli/dist')) return 'satlint cli';
  if (u.startsWith('node:') || u === '') return 'node/internal';
  return 'other ' + u.split('/').slice(-2).join('/');
};
for (const [id, t] of dt) { const n = byId.get(id); const a = area(n); self.set(a, (self.get(a) ?? 0) + t); total += t; }
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1])) console.log(k.padEnd(28), (v / 1000).toFixed(0).padStart(6), 'ms', (100 * v / total).toFixed(1).padStart(5), '%');
console.log('total', (total / 1000).toFixed(0), 'ms');
