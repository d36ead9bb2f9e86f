// A compact, valid spec every rule accepts: one operator org with three orderers, two participant orgs,
// a Raft channel, a chaincode with a collection, a QBFT network of four validators and connection settings.
// Tests copy it, change one thing, and print it as YAML (block style, so each finding has its own line).
import { createECDH } from 'node:crypto';
import { stringify } from 'yaml';
import type { NetworkSpec } from '../../../../src/compiler/model/spec.js';

/** Public keys of fixed test-only private keys 1..n: deterministic, valid secp256k1 points. */
export function testPublicKey(seed: number): string {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.alloc(32, seed));
  return ecdh.getPublicKey('hex', 'uncompressed').slice(2);
}

export function baseSpec(): NetworkSpec {
  return {
    apiVersion: 'netspec/v1',
    name: 'test',
    organizations: {
      ops: {
        mspId: 'OpsMSP',
        domain: 'ops.example.com',
        roles: ['operator'],
        msp: { directory: 'crypto/ops/msp' },
        orderers: [{ name: 'orderer0' }, { name: 'orderer1' }, { name: 'orderer2' }],
      },
      org1: {
        mspId: 'Org1MSP',
        domain: 'org1.example.com',
        roles: ['participant'],
        msp: { directory: 'crypto/org1/msp' },
        ca: {},
        peers: [{ name: 'peer0' }, { name: 'peer1' }],
        approvers: ['@alice'],
        users: [{ name: 'app' }],
        policies: { Admins: "OR('Org1MSP.admin')" },
      },
      org2: {
        mspId: 'Org2MSP',
        domain: 'org2.example.com',
        roles: ['participant'],
        msp: { directory: 'crypto/org2/msp' },
        peers: [{ name: 'peer0' }],
      },
    },
    channels: {
      trade: {
        members: ['org1', 'org2'],
        orderer: {
          organizations: ['ops'],
          consenters: ['ops/orderer0', 'ops/orderer1', 'ops/orderer2'],
          batchTimeout: '2s',
          batchSize: { maxMessageCount: 500, absoluteMaxBytes: '10 MB', preferredMaxBytes: '2 MB' },
          etcdraft: { tickInterval: '500ms', snapshotIntervalSize: '16 MB' },
        },
        anchorPeers: ['org1/peer0'],
        policies: {
          channel: { Admins: 'MAJORITY Admins' },
          orderer: { BlockValidation: "OR('OpsMSP.orderer')" },
          application: { Endorsement: "OR('Org1MSP.peer', 'Org2MSP.peer')" },
        },
      },
    },
    chaincodes: [
      {
        name: 'basic',
        channel: 'trade',
        version: '1.0',
        sequence: 1,
        endorsementPolicy: "AND('Org1MSP.peer', 'Org2MSP.peer')",
        collections: [{ name: 'private', policy: "OR('Org1MSP.member')" }],
      },
    ],
    quorum: {
      payments: {
        client: 'besu',
        consensus: 'qbft',
        chainId: 1337,
        blockPeriod: '2s',
        requestTimeout: '10s',
        validators: [1, 2, 3, 4].map((seed) => ({
          name: `validator${seed}`,
          organization: seed % 2 === 0 ? 'org2' : 'org1',
          publicKey: testPublicKey(seed),
        })),
        members: [{ name: 'member1', organization: 'org1', publicKey: testPublicKey(5) }],
      },
    },
    connection: {
      identities: { org1: { certificate: { secret: 'ORG1_CERT' }, privateKey: { secret: 'ORG1_KEY' } } },
      endpoints: { 'org1/peer0': { url: 'grpcs://peer0.org1.example.com:443' } },
    },
    allow: [],
  };
}

/** The base spec, changed by `edit`, as YAML text. */
export function specYaml(edit: (spec: NetworkSpec) => void = () => {}): string {
  const spec = baseSpec();
  edit(spec);
  return stringify(spec, { lineWidth: 0 });
}
