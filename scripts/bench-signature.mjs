// Benchmark (not a test): one signature check in process, as verify judges a signature file: read the creator,
// deserialize and judge the identity under its channel MSP, verify the ECDSA signature over header || update.
// Median of N checks after a warm-up. Needs a build (`npm run build`). Usage: node scripts/bench-signature.mjs [N]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 300);
const root = new URL('..', import.meta.url).pathname;
const governance = await import('../dist/governance/index.js');

const live = governance.readStateChannel(`${root}networks/supply-chain/state`, 'production');
if ('error' in live) throw new Error(live.error);
const msps = governance.channelMsps(live.live.config);
const admin = `${root}networks/supply-chain/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp`;
const loaded = governance.loadSigningIdentity(
  'ManufacturerMSP',
  `${admin}/signcerts/Admin@manufacturer.supply.example.com-cert.pem`,
  `${admin}/keystore/priv_sk`,
);
if ('error' in loaded) throw new Error(loaded.error);
// The bytes signed need not be a real update here: the check covers the header and whatever bytes follow it.
const configUpdate = new Uint8Array(readFileSync(`${root}test/fixtures/fabric/config.pb`));
const signed = governance.makeConfigSignature(loaded.signer.identity, configUpdate);
const input = {
  source: 'signatures/production/ManufacturerMSP.json',
  claimedMspId: 'ManufacturerMSP',
  signatureHeader: signed.signature_header,
  signature: signed.signature,
};
const now = new Date();
const check = () => governance.checkSignatures([input], configUpdate, msps, now);
const first = check();
if (first.identities.length !== 1) throw new Error(`the signature does not count: ${JSON.stringify(first.verdicts)}`);
for (let i = 0; i < 50; i++) check();
const times = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  check();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ checks: runs, medianMs: Math.round(times[Math.floor(runs / 2)] * 1000) / 1000 }));
