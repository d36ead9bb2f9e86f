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
const now = new Date();
/** A signature input of the admin, its PEM followed by `variant` extra newlines: to netspec, another identity. */
const signatureOf = (variant) => {
  const identity = {
    ...loaded.signer.identity,
    certificatePem: `${loaded.signer.identity.certificatePem}${'\n'.repeat(variant)}`,
  };
  const signed = governance.makeConfigSignature(identity, configUpdate);
  return {
    source: 'signatures/production/ManufacturerMSP.json',
    claimedMspId: 'ManufacturerMSP',
    signatureHeader: signed.signature_header,
    signature: signed.signature,
  };
};
const check = (input) => governance.checkSignatures([input], configUpdate, msps, now);
const timed = (input) => {
  const started = performance.now();
  const result = check(input);
  const ms = performance.now() - started;
  if (result.identities.length !== 1)
    throw new Error(`the signature does not count: ${JSON.stringify(result.verdicts)}`);
  return ms;
};
const median = (list) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] * 1000) / 1000;

// Warm-up, then: a signer seen for the first time (its certificate parsed and judged under the MSP), and a further
// signature of a signer already judged in this process (a consortium's admin signing many channels' updates).
const known = signatureOf(0);
for (let i = 0; i < 50; i++) timed(signatureOf(1000 + i));
const inputs = Array.from({ length: runs }, (_, i) => signatureOf(1 + i));
const firstMs = inputs.map(timed);
const againMs = Array.from({ length: runs }, () => timed(known));

// A new signer above is the admin's certificate with other id_bytes: a new identity to the MSP, but the same DER and
// key. Here each signer has a certificate (and key) of its own, issued by the organization's CA as `netspec crypto`
// issues an admin's, so nothing about it can have been read before: a consortium member signing for the first time.
const distinctMs = (await distinctSignatures(Math.min(runs, 200))).map(timed);
console.log(
  JSON.stringify({
    checks: runs,
    newSignerMedianMs: median(firstMs),
    knownSignerMedianMs: median(againMs),
    distinctCertificateSignerMedianMs: median(distinctMs),
  }),
);

async function distinctSignatures(count) {
  const { KeyObject, createPrivateKey } = await import('node:crypto');
  const { certificateAuthorityFromPem, issueLeafCertificate } = await import('../dist/crypto/issue-certificate.js');
  const { generateSigningKeyPair, privateKeyFromPem } = await import('../dist/crypto/key-pair.js');
  const caDir = `${root}networks/supply-chain/crypto/manufacturer/ca`;
  const ca = certificateAuthorityFromPem(
    readFileSync(`${caDir}/ca.manufacturer.supply.example.com-cert.pem`, 'utf8'),
    await privateKeyFromPem(readFileSync(`${caDir}/priv_sk`, 'utf8')),
  );
  const signatures = [];
  for (let i = 0; i < count; i++) {
    const keys = await generateSigningKeyPair();
    const certificatePem = await issueLeafCertificate(
      {
        commonName: `Admin${i}@manufacturer.supply.example.com`,
        organization: 'manufacturer.supply.example.com',
        organizationalUnit: 'admin',
        purpose: 'identity',
        publicKey: keys.publicKey,
      },
      ca,
    );
    const privateKey = createPrivateKey(KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }));
    const signed = governance.makeConfigSignature(
      { mspId: 'ManufacturerMSP', certificatePem, privateKey },
      configUpdate,
    );
    signatures.push({
      source: 'signatures/production/ManufacturerMSP.json',
      claimedMspId: 'ManufacturerMSP',
      signatureHeader: signed.signature_header,
      signature: signed.signature,
    });
  }
  return signatures;
}
