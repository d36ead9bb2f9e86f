// A spec with Quorum networks for the Quorum tests: the repository's supply-chain example (its organizations and
// crypto material) plus two Quorum networks, written to a temporary folder. Keys are those of the fixed test
// private keys 1..n (never real keys).
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { repoRoot } from '../../helpers/run-cli.js';

export function testPrivateKey(seed: number): Uint8Array {
  const key = new Uint8Array(32);
  key[31] = seed;
  return key;
}

/** The 64-byte public key (hex, no 04 prefix) of test private key `seed`. */
export function testPublicKey(seed: number): string {
  return Buffer.from(secp256k1.getPublicKey(testPrivateKey(seed), false))
    .toString('hex')
    .slice(2);
}

export const QUORUM_SECTION = `quorum:
  payments:
    client: besu
    consensus: qbft
    chainId: 1337
    blockPeriod: 2s
    requestTimeout: 10s
    alloc:
      "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf": "1000000000000000000"
    validators:
      - { name: validator1, organization: manufacturer, publicKey: "${testPublicKey(1)}" }
      - { name: validator2, organization: manufacturer, publicKey: "${testPublicKey(2)}" }
      - { name: validator3, organization: distributor, publicKey: "${testPublicKey(3)}" }
      - { name: validator4, organization: retailer, publicKey: "${testPublicKey(4)}", host: rpc4.retail.example.com, p2pPort: 30304 }
    members:
      - { name: member1, organization: retailer, publicKey: "${testPublicKey(5)}" }
  ledger:
    client: goquorum
    consensus: ibft
    chainId: 2020
    privacy: true
    validators:
      - { name: node1, organization: manufacturer, publicKey: "${testPublicKey(11)}" }
      - { name: node2, organization: distributor, publicKey: "${testPublicKey(12)}" }
      - { name: node3, organization: retailer, publicKey: "${testPublicKey(13)}" }
      - { name: node4, organization: operator, publicKey: "${testPublicKey(14)}" }
`;

/**
 * Writes the spec to a fresh temporary folder and returns the network.yaml path. `edit` may rewrite the YAML text
 * (e.g. to break something); the default is the valid spec.
 */
export function writeQuorumSpec(edit: (yaml: string) => string = (yaml) => yaml): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-quorum-'));
  symlinkSync(join(repoRoot, 'networks/supply-chain/crypto'), join(dir, 'crypto'));
  const example = readFileSync(join(repoRoot, 'networks/supply-chain/network.yaml'), 'utf8');
  // `ledger` is a GoQuorum IBFT 1.0 chain, kept to test that genesis: the consortium allows it by name.
  const yaml = example
    .replace(/^connection:/m, `${QUORUM_SECTION}connection:`)
    .replace(
      /^allow: \[\]$/m,
      'allow:\n  - code: NS_GOQUORUM_IBFT\n    reason: the ledger chain runs IBFT 1.0 until its QBFT migration',
    );
  const file = join(dir, 'network.yaml');
  writeFileSync(file, edit(yaml));
  return file;
}
