// Benchmarks (figures, not pass/fail): whole-process start-up and validate, one signature check in process, the
// Fabric codec in-process, and validate + plan + bundle + verify on synthetic consortia. Prints one JSON document:
// every whole-process figure is the median of its runs, CPU = user + system time of the whole process (all its
// threads), wall = from spawn to exit. NODE_EXTRA_CA_CERTS is unset for every command (it costs each start-up).
// Needs a build (`npm ci` does it). Usage: npm run bench [-- --runs 10] [--keep <dir>] (keeps the synthetic consortia
// and their states there, to time single commands on them with other tools).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, keep: { type: 'string' } },
});
const runs = Number(values.runs);
const bin = join(root, 'bin/netspec.js');
const rssReporter = join(root, 'scripts/_report-rss.mjs');
const { NODE_EXTRA_CA_CERTS: _unset, ...environment } = process.env;

/** Median CPU (user + sys) and wall time (ms), and the largest peak RSS (MB), of a command run `times` times. */
function measure(args, { expect = [0], times = runs, before = () => {} } = {}) {
  const walls = [];
  const cpus = [];
  let peakMb = 0;
  for (let i = 0; i < times; i++) {
    before();
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', rssReporter, ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...environment, NO_COLOR: '1' },
    });
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!expect.includes(result.status)) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    const usage = /NETSPEC_BENCH_MAX_RSS_KB=(\d+) NETSPEC_BENCH_CPU_US=(\d+)/.exec(result.stderr);
    if (usage) {
      peakMb = Math.max(peakMb, Number(usage[1]) / 1024);
      cpus.push(Number(usage[2]) / 1000);
    }
  }
  return { cpuMs: median(cpus), wallMs: median(walls), minWallMs: round(Math.min(...walls)), peakRssMb: round(peakMb) };
}

const round = (n) => Math.round(n * 10) / 10;
const median = (list) => round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]);
const few = Math.max(3, Math.floor(runs / 2));

const figures = {};
// node -e 0 and validate alternate run by run, so the ratio compares the same moments of a shared machine.
const nodeRuns = [];
const validateRuns = [];
for (let i = 0; i < runs; i++) {
  nodeRuns.push(measure(['-e', '0'], { times: 1 }));
  validateRuns.push(measure([bin, 'validate', 'networks/supply-chain/network.yaml'], { times: 1 }));
}
const medianOf = (list, key) => median(list.map((run) => run[key]));
figures.node = { cpuMs: medianOf(nodeRuns, 'cpuMs'), wallMs: medianOf(nodeRuns, 'wallMs') };
figures.validateSupplyChain = {
  cpuMs: medianOf(validateRuns, 'cpuMs'),
  wallMs: medianOf(validateRuns, 'wallMs'),
  cpuTimesNode: round(medianOf(validateRuns, 'cpuMs') / figures.node.cpuMs),
};
figures.help = measure([bin, '--help']);
const out = values.keep ?? mkdtempSync(join(tmpdir(), 'netspec-bench-'));
mkdirSync(out, { recursive: true });
figures.decode = measure([bin, 'decode', '--type', 'common.Block', 'test/fixtures/fabric/config.pb']);
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

// In process: one signature check, and the Fabric codec on a 100-org channel config.
const inProcess = (script, count) =>
  spawnSync(process.execPath, [join(root, 'scripts', script), String(count)], {
    cwd: root,
    encoding: 'utf8',
  }).stdout.trim();
figures.signatureCheck = JSON.parse(inProcess('bench-signature.mjs', runs * 30));
figures.fabricCodec100Orgs = inProcess('bench-fabric.mjs', runs * 3);

// Synthetic consortium: 200 orgs, 100 channels, 500 chaincodes, 2 Quorum networks of 31 validators.
const consortium = join(out, 'consortium');
generate(consortium, []);
const spec = join(consortium, 'network.yaml');
const state = join(consortium, 'state');
makeLiveState(consortium, spec, state);
figures.consortium = { orgs: 200, channels: 100, chaincodes: 500, quorumNetworks: 2, validatorsEach: 31 };
figures.consortiumValidate = measure([bin, 'validate', spec], { times: few });
// Each run writes a new bundle folder, as CI does (replacing a bundle of 3000 files costs as much again).
const consortiumBundle = join(out, 'consortium-bundle');
figures.consortiumPlanOut = measure(
  [bin, 'plan', spec, '--state', state, '--out', consortiumBundle, '--format', 'json'],
  { expect: [2], times: few, before: () => rmSync(consortiumBundle, { recursive: true, force: true }) },
);
figures.consortiumPlanOnly = measure([bin, 'plan', spec, '--state', state, '--format', 'json'], {
  expect: [2],
  times: few,
});

// A quarter of it: 50 orgs, 25 channels, 125 chaincodes, 2 Quorum networks of 31 validators; its bundle verified
// (unsigned: every update waits for signatures, exit 2).
const fifty = join(out, 'fifty');
generate(fifty, ['--orgs', '50', '--channels', '25', '--chaincodes', '125']);
const fiftySpec = join(fifty, 'network.yaml');
const fiftyState = join(fifty, 'state');
makeLiveState(fifty, fiftySpec, fiftyState);
const fiftyBundle = join(fifty, 'bundle');
measure([bin, 'plan', fiftySpec, '--state', fiftyState, '--out', fiftyBundle], { expect: [2], times: 1 });
figures.fifty = { orgs: 50, channels: 25, chaincodes: 125, quorumNetworks: 2, validatorsEach: 31 };
figures.fiftyVerify = measure([bin, 'verify', fiftyBundle, '--spec', fiftySpec, '--state', fiftyState], {
  expect: [2],
});
// The same bundle signed by every organization an update names as a signer, each with `netspec sign` as its admin
// would: verify then judges every signature as well (exit 0: every update has the signatures it needs).
const signedBundle = join(fifty, 'signed-bundle');
cpSync(fiftyBundle, signedBundle, { recursive: true });
const signers = signAsEveryNamedOrganization(signedBundle, fiftySpec, fiftyState);
figures.fiftyVerifySigned = {
  signatures: signers,
  ...measure([bin, 'verify', signedBundle, '--spec', fiftySpec, '--state', fiftyState], { expect: [0] }),
};

console.log(
  JSON.stringify(
    { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, runs, figures },
    null,
    2,
  ),
);
if (values.keep === undefined) rmSync(out, { recursive: true, force: true });

/**
 * Signs each channel update of `bundle` as every MSP its signers name. The synthetic consortium's participants all
 * use the manufacturer's MSP folder, so the manufacturer's admin signs for each of them; the operator's for itself.
 * Returns how many signature files the bundle then holds.
 */
function signAsEveryNamedOrganization(bundle, specFile, stateDir) {
  const { channels } = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8'));
  const signersText = JSON.stringify(channels.map((channel) => channel.signers));
  const mspIds = [
    ...new Set(
      [...signersText.matchAll(/"\/Channel\/(?:Application|Orderer)\/([A-Za-z0-9.-]+)\/Admins"/g)].map((m) => m[1]),
    ),
  ];
  const crypto = join(dirname(specFile), 'crypto');
  const admin = (org) => {
    const msp = join(crypto, org, 'users', `Admin@${org}.supply.example.com`, 'msp');
    return [
      '--cert',
      join(msp, 'signcerts', `Admin@${org}.supply.example.com-cert.pem`),
      '--key',
      join(msp, 'keystore', 'priv_sk'),
    ];
  };
  for (const mspId of mspIds) {
    const signed = spawnSync(
      process.execPath,
      [
        bin,
        'sign',
        bundle,
        '--msp-id',
        mspId,
        ...admin(mspId === 'OperatorMSP' ? 'operator' : 'manufacturer'),
        '--spec',
        specFile,
        '--state',
        stateDir,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (signed.status !== 0) throw new Error(`sign as ${mspId} exited ${signed.status}: ${signed.stderr}`);
  }
  return readdirSync(join(bundle, 'signatures'), { recursive: true }).filter((name) => String(name).endsWith('.json'))
    .length;
}

function generate(dir, args) {
  const made = spawnSync(process.execPath, [join(root, 'scripts/generate-consortium.mjs'), dir, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`generate-consortium failed: ${made.stderr}`);
}

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
