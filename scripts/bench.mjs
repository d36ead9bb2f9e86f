// Benchmarks (figures, not pass/fail): whole-process start-up and validate, the Fabric codec in-process, and
// validate + plan + bundle on a synthetic consortium. Prints one JSON document. Needs a build (`npm ci` does it).
// Usage: npm run bench [-- --runs 10]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Number(values.runs);
const bin = join(root, 'bin/netspec.js');
const rssReporter = join(root, 'scripts/_report-rss.mjs');

/** Median wall time (ms) and the largest peak RSS (MB) of a command run `runs` times. */
function measure(args, { expect = [0], times = runs, env = {}, before = () => {} } = {}) {
  const walls = [];
  let peakMb = 0;
  for (let i = 0; i < times; i++) {
    before();
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', rssReporter, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!expect.includes(result.status)) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    const rss = /NETSPEC_BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr);
    if (rss) peakMb = Math.max(peakMb, Number(rss[1]) / 1024);
  }
  walls.sort((a, b) => a - b);
  return { medianMs: round(walls[Math.floor(walls.length / 2)]), minMs: round(walls[0]), peakRssMb: round(peakMb) };
}

const round = (n) => Math.round(n * 10) / 10;

const figures = {};
figures.node = measure(['-e', '0']);
figures.help = measure([bin, '--help']);
figures.validateSupplyChain = measure([bin, 'validate', 'networks/supply-chain/network.yaml']);
const out = mkdtempSync(join(tmpdir(), 'netspec-bench-'));
figures.computeUpdate = measure([
  bin,
  'compute-update',
  '--channel-id',
  'mychannel',
  '--original',
  'test/fixtures/fabric/config.pb',
  '--updated',
  'test/fixtures/fabric/updated-config.pb',
  '--output',
  join(out, 'update.pb'),
]);
figures.planSupplyChain = measure([bin, 'plan', 'networks/supply-chain/network.yaml', '--out', join(out, 'bundle')], {
  expect: [2],
});

// In-process Fabric codec on a 100-org channel config.
const fabric = spawnSync(process.execPath, [join(root, 'scripts/bench-fabric.mjs'), String(runs * 3)], {
  cwd: root,
  encoding: 'utf8',
});
figures.fabricCodec100Orgs = fabric.stdout.trim();

// Synthetic consortium: 200 orgs, 100 channels, 500 chaincodes, 2 Quorum networks of 31 validators.
const consortium = join(out, 'consortium');
spawnSync(process.execPath, [join(root, 'scripts/generate-consortium.mjs'), consortium], {
  cwd: root,
  stdio: 'inherit',
});
const spec = join(consortium, 'network.yaml');
const state = join(consortium, 'state');
makeLiveState(consortium, spec, state);
figures.consortium = { orgs: 200, channels: 100, chaincodes: 500, quorumNetworks: 2, validatorsEach: 31 };
figures.consortiumValidate = measure([bin, 'validate', spec], { times: Math.max(3, Math.floor(runs / 2)) });
// Each run writes a new bundle folder, as CI does (replacing a bundle of 3000 files costs as much again).
const consortiumBundle = join(out, 'consortium-bundle');
figures.consortiumValidatePlanBundle = measure(
  [bin, 'plan', spec, '--state', state, '--out', consortiumBundle, '--format', 'json'],
  {
    expect: [2],
    times: Math.max(3, Math.floor(runs / 2)),
    before: () => rmSync(consortiumBundle, { recursive: true, force: true }),
  },
);
figures.consortiumValidatePlanOnly = measure([bin, 'plan', spec, '--state', state, '--format', 'json'], {
  expect: [2],
  times: Math.max(3, Math.floor(runs / 2)),
});

console.log(
  JSON.stringify(
    { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, runs, figures },
    null,
    2,
  ),
);
rmSync(out, { recursive: true, force: true });

/**
 * The live state one step behind: plan the spec as the live network had it (every tenth channel without its last
 * member, every tenth+1 with a 1s batch timeout, each Quorum network one validator short) and keep the genesis
 * blocks and the validator sets that plan would create.
 */
function makeLiveState(dir, specFile, stateDir) {
  const { live } = JSON.parse(readFileSync(join(dir, 'live.json'), 'utf8'));
  const liveDir = `${dir}-live`;
  cpSync(join(dir, 'crypto'), join(liveDir, 'crypto'), { recursive: true });
  const text = readFileSync(specFile, 'utf8');
  // Rewrite the spec as the live network has it, with the yaml package the CLI uses.
  const yaml = spawnSync(
    process.execPath,
    [
      '-e',
      `const y=require('yaml');const fs=require('fs');const s=y.parse(fs.readFileSync(0,'utf8'));const live=${JSON.stringify(live)};
       for(const [c,d] of Object.entries(live)){if(d.members)s.channels[c].members=d.members;if(d.batchTimeout)s.channels[c].orderer.batchTimeout=d.batchTimeout;}
       for(const q of Object.values(s.quorum))q.validators.pop();
       process.stdout.write(y.stringify(s,{lineWidth:0}));`,
    ],
    { cwd: root, input: text, encoding: 'utf8' },
  );
  writeFileSync(join(liveDir, 'network.yaml'), yaml.stdout);
  const bundle = `${dir}-live-bundle`;
  // An empty state folder: no channel exists yet (a missing --state is refused, not read as empty).
  mkdirSync(join(dir, 'no-state'), { recursive: true });
  const planned = spawnSync(
    process.execPath,
    [bin, 'plan', join(liveDir, 'network.yaml'), '--state', join(dir, 'no-state'), '--out', bundle, '--format', 'json'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (planned.status !== 2) throw new Error(`live plan failed: ${planned.stderr.slice(0, 2000)}`);
  mkdirSync(join(stateDir, 'fabric'), { recursive: true });
  mkdirSync(join(stateDir, 'quorum'), { recursive: true });
  const plan = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8'));
  for (const channel of plan.channels)
    cpSync(join(bundle, channel.artifact), join(stateDir, 'fabric', `${channel.channel}.block`));
  for (const network of plan.quorum) {
    const genesis = JSON.parse(readFileSync(join(bundle, 'quorum', network.network, 'genesis.json'), 'utf8'));
    writeFileSync(
      join(stateDir, 'quorum', `${network.network}.json`),
      JSON.stringify({ validators: extraDataValidators(genesis.extraData), blockNumber: 1 }),
    );
  }
}

/** The validator addresses inside a QBFT extraData: RLP list [vanity, [addresses], ...]; addresses are 0x94-prefixed. */
function extraDataValidators(extraData) {
  const hex = extraData.slice(2);
  const addresses = [];
  for (const match of hex.matchAll(/94([0-9a-f]{40})/g)) addresses.push(`0x${match[1]}`);
  return addresses;
}
