// Benchmark (not a test): decode, encode and compute-update on a channel config with 100 member orgs,
// in-process, median of N runs after a warm-up. Needs a build (`npm run build`). Usage: node scripts/bench-fabric.mjs [N]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 30);
const started = performance.now();
const fabric = await import('../dist/compiler/fabric/index.js');
const loadMs = performance.now() - started;

const sample = JSON.parse(readFileSync(new URL('../test/fixtures/fabric/config.json', import.meta.url), 'utf8'));
const config = structuredClone(sample);
const application = config.channel_group.groups.Application;
const template = application.groups.SampleOrg;
application.groups = {};
for (let i = 1; i <= 100; i++) {
  const org = structuredClone(template);
  org.values.MSP.value.config.name = `Org${i}MSP`;
  application.groups[`Org${i}`] = org;
}
const updated = structuredClone(config);
const newcomer = structuredClone(template);
newcomer.values.MSP.value.config.name = 'Org101MSP';
updated.channel_group.groups.Application.groups.Org101 = newcomer;
updated.channel_group.groups.Orderer.values.BatchSize.value.max_message_count = 100;

const must = (result) => {
  if (result.value === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};
const encodeJson = (json) => must(fabric.encode('common.Config', must(fabric.fromJson('common.Config', json))));
const configBytes = encodeJson(config);
const updatedBytes = encodeJson(updated);

const cases = {
  'decode (bytes -> configtxlator JSON text)': () =>
    fabric.printJson(must(fabric.toJson('common.Config', must(fabric.decode('common.Config', configBytes))))),
  'encode (JSON -> bytes)': () => encodeJson(config),
  'compute-update (2 x decode + compute + encode)': () => {
    const original = must(fabric.decode('common.Config', configBytes));
    const target = must(fabric.decode('common.Config', updatedBytes));
    return must(fabric.encode('common.ConfigUpdate', must(fabric.computeUpdate('mychannel', original, target))));
  },
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`config: 100 member orgs, ${configBytes.length} bytes; module load ${loadMs.toFixed(1)} ms; ${runs} runs`);
console.log('| operation | median ms | min ms | max ms |');
console.log('|---|---:|---:|---:|');
for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < 5; i++) run();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  const fmt = (n) => n.toFixed(2);
  console.log(`| ${name} | ${fmt(median(times))} | ${fmt(Math.min(...times))} | ${fmt(Math.max(...times))} |`);
}
