// Every integer the spec hands to a protobuf field (or to Kubernetes, or to Besu) is bounded in the schema by the
// field's type, so `validate` refuses, with a position, what `plan` or `genesis` could not encode. The types are
// fabric-protos': orderer/configuration.proto (BatchSize: uint32), orderer/etcdraft/configuration.proto (Options:
// uint32), peer/collection.proto (required_peer_count, maximum_peer_count: int32; block_to_live: uint64),
// peer/lifecycle/lifecycle.proto (sequence: int64); replicas is a Kubernetes int32. 64-bit fields stop at 2^53 - 1,
// the largest integer netspec reads exactly (the parser refuses larger ones).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { positionOf } from '../../../../src/compiler/diagnostics/index.js';
import { loadSpec } from '../../../../src/compiler/load-spec.js';
import { repoRoot } from '../../../helpers/run-cli.js';

const UINT32 = 4294967295;
const INT32 = 2147483647;
const EXACT = Number.MAX_SAFE_INTEGER;

const supplyChain = join(repoRoot, 'networks/supply-chain/network.yaml');
const quickstart = join(repoRoot, 'networks/quickstart/network.yaml');

const limits: [string, string, (string | number)[], number][] = [
  [
    'maxMessageCount (uint32)',
    supplyChain,
    ['channels', 'production', 'orderer', 'batchSize', 'maxMessageCount'],
    UINT32,
  ],
  ['electionTick (uint32)', supplyChain, ['channels', 'production', 'orderer', 'etcdraft', 'electionTick'], UINT32],
  ['heartbeatTick (uint32)', supplyChain, ['channels', 'production', 'orderer', 'etcdraft', 'heartbeatTick'], UINT32],
  [
    'maxInflightBlocks (uint32)',
    supplyChain,
    ['channels', 'production', 'orderer', 'etcdraft', 'maxInflightBlocks'],
    UINT32,
  ],
  ['sequence (int64)', supplyChain, ['chaincodes', 0, 'sequence'], EXACT],
  ['requiredPeerCount (int32)', supplyChain, ['chaincodes', 1, 'collections', 0, 'requiredPeerCount'], INT32],
  ['maxPeerCount (int32)', supplyChain, ['chaincodes', 1, 'collections', 0, 'maxPeerCount'], INT32],
  ['blockToLive (uint64)', supplyChain, ['chaincodes', 1, 'collections', 0, 'blockToLive'], EXACT],
  ['replicas (int32)', supplyChain, ['chaincodes', 2, 'server', 'replicas'], INT32],
  ['chainId', quickstart, ['quorum', 'payments', 'chainId'], EXACT],
  ['epochLength', quickstart, ['quorum', 'payments', 'epochLength'], EXACT],
];

function loadWith(file: string, path: (string | number)[], value: number) {
  const document = parseDocument(readFileSync(file, 'utf8'));
  document.setIn(path, value);
  const text = String(document);
  const result = loadSpec(file, { bytes: new TextEncoder().encode(text) });
  return { text, result };
}

describe('integer limits from the Fabric protos', () => {
  it.each(limits)('%s: the largest value passes, one more is refused at its position', (_name, file, path, max) => {
    const at = loadWith(file, path, max);
    expect(at.result.diagnostics.filter((d) => d.code.startsWith('NS_SCHEMA'))).toEqual([]);

    // Beyond 2^53 - 1 the parser refuses the literal before the schema sees a rounded number.
    const beyond = loadWith(file, path, max + 1);
    const [diagnostic] = beyond.result.diagnostics;
    expect(beyond.result.value).toBeUndefined();
    expect(diagnostic!.code).toBe(max === EXACT ? 'NS_YAML_INTEGER_PRECISION' : 'NS_SCHEMA_RANGE');
    const key = String(path.at(-1));
    const line = beyond.text.split('\n')[positionOf(beyond.text, diagnostic!.ranges[0]!.start).line - 1]!;
    expect(line).toContain(`${key}: ${max + 1}`);
  });
});
