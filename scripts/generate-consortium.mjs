// Generates a synthetic consortium for benchmarks (not tests): N organizations, channels, chaincodes and Quorum
// networks, with a live state folder one step behind the spec (some channels gain an org or a new batch timeout,
// each Quorum network votes one validator in). Every org reuses the supply-chain example's demo MSP folder, so the
// spec validates, without warnings, and without generating thousands of certificates.
// Usage: node scripts/generate-consortium.mjs <dir> [--orgs 200] [--channels 100] [--chaincodes 500]
//        [--quorum 2] [--validators 31]
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    orgs: { type: 'string', default: '200' },
    channels: { type: 'string', default: '100' },
    chaincodes: { type: 'string', default: '500' },
    quorum: { type: 'string', default: '2' },
    validators: { type: 'string', default: '31' },
  },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: generate-consortium.mjs <dir>');
const counts = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]));

export function generate(target, n) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(root, 'networks/supply-chain/crypto'), join(target, 'crypto'), { recursive: true });
  // The operator is the supply-chain example's, with its domain: each orderer's host is then the one its own TLS
  // certificate names, and its tlsCert the default path, where that certificate is. The consortium validates
  // without warnings, so the figures are those of a well-formed network's normal path.
  const organizations = {
    operator: {
      mspId: 'OperatorMSP',
      domain: 'operator.supply.example.com',
      roles: ['operator'],
      msp: { directory: 'crypto/operator/msp' },
      orderers: [0, 1, 2].map((i) => ({ name: `orderer${i}` })),
    },
  };
  for (let i = 1; i <= n.orgs; i++) {
    organizations[`org${i}`] = {
      mspId: `Org${i}MSP`,
      domain: `org${i}.bench.example.com`,
      roles: ['participant'],
      msp: { directory: 'crypto/manufacturer/msp' },
      peers: [{ name: 'peer0', anchor: true }],
    };
  }
  const channels = {};
  const live = {};
  for (let c = 1; c <= n.channels; c++) {
    // Five members per channel, spread over all orgs.
    const members = [0, 1, 2, 3, 4].map((k) => `org${((c * 7 + k * 13) % n.orgs) + 1}`);
    const unique = [...new Set(members)];
    channels[`channel${c}`] = {
      members: unique,
      orderer: {
        organizations: ['operator'],
        consenters: ['operator/orderer0', 'operator/orderer1', 'operator/orderer2'],
        batchTimeout: '2s',
      },
    };
    // The live network is one step behind on every tenth channel: one org has not joined, or the timeout differs.
    live[`channel${c}`] = c % 10 === 1 ? { members: unique.slice(0, -1) } : c % 10 === 2 ? { batchTimeout: '1s' } : {};
  }
  const chaincodes = [];
  for (let k = 1; k <= n.chaincodes; k++) {
    chaincodes.push({ name: `cc${k}`, channel: `channel${((k - 1) % n.channels) + 1}`, version: '1.0', sequence: 1 });
  }
  const quorum = {};
  for (let q = 1; q <= n.quorum; q++) {
    quorum[`net${q}`] = {
      client: 'besu',
      consensus: 'qbft',
      chainId: 1000 + q,
      validators: Array.from({ length: n.validators }, (_, v) => ({
        name: `net${q}-validator${v}`,
        organization: `org${(v % n.orgs) + 1}`,
        publicKey: secp256k1PublicKey(),
      })),
    };
  }
  const spec = {
    apiVersion: 'netspec/v1',
    name: 'bench',
    mode: 'standard',
    organizations,
    channels,
    chaincodes,
    quorum,
  };
  writeFileSync(join(target, 'network.yaml'), stringify(spec, { lineWidth: 0 }));
  return { spec, live };
}

function secp256k1PublicKey() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(-64).toString('hex');
}

const { spec, live } = generate(dir, counts);
writeFileSync(join(dir, 'live.json'), JSON.stringify({ live, quorum: Object.keys(spec.quorum) }, null, 2));
console.log(JSON.stringify({ dir, ...counts }));
