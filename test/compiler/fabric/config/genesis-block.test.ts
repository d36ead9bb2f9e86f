import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildGenesisBlock,
  configBlockInfo,
  decode,
  type Json,
  toJson,
} from '../../../../src/compiler/fabric/index.js';
import type { NetworkSpec } from '../../../../src/compiler/model/index.js';
import { normalize } from '../../../../src/compiler/model/index.js';
import { parseYaml } from '../../../../src/compiler/parse/index.js';
import { repoRoot } from '../../../helpers/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/fabric');
const specFile = join(fixtures, 'sample-network.yaml');
const model = normalize(
  parseYaml(specFile, readFileSync(specFile, 'utf8')).value!.data as NetworkSpec,
  dirname(specFile),
);
const timestamp = new Date('2026-11-25T15:25:36Z');

function blockJson(bytes: Uint8Array): any {
  const block = decode('common.Block', bytes);
  return toJson('common.Block', block.value!).value as Json;
}

describe('genesis block', () => {
  const bytes = buildGenesisBlock(model, 'mychannel', timestamp).value!;

  it("decodes to configtxgen's genesis block but for nonce, tx id and data hash", () => {
    const ours = blockJson(bytes);
    const theirs = JSON.parse(readFileSync(join(fixtures, 'genesis.json'), 'utf8'));
    const ourHeader = ours.data.data[0].payload.header;
    // These three derive from the random nonce configtxgen drew: equal in form, not in value.
    expect(ourHeader.signature_header.nonce).toMatch(/^[A-Za-z0-9+/]{32}$/);
    expect(ourHeader.channel_header.tx_id).toMatch(/^[0-9a-f]{64}$/);
    for (const block of [ours, theirs]) {
      block.data.data[0].payload.header.signature_header.nonce = '<nonce>';
      block.data.data[0].payload.header.channel_header.tx_id = '<tx id>';
      block.header.data_hash = '<hash>';
    }
    expect(ours).toEqual(theirs);
  });

  it('computes the tx id and data hash as Fabric does', () => {
    const json = blockJson(bytes);
    const nonce = Buffer.from(json.data.data[0].payload.header.signature_header.nonce, 'base64');
    expect(nonce).toHaveLength(24);
    expect(json.data.data[0].payload.header.channel_header.tx_id).toBe(
      createHash('sha256').update(nonce).digest('hex'),
    );
    const block = decode('common.Block', bytes).value as { data: { data: Uint8Array[] } };
    const dataHash = createHash('sha256').update(block.data.data[0]!).digest('base64');
    expect(json.header.data_hash).toBe(dataHash);
  });

  it('is deterministic for a given timestamp and changes with it', () => {
    expect(Buffer.from(buildGenesisBlock(model, 'mychannel', timestamp).value!)).toEqual(Buffer.from(bytes));
    const later = buildGenesisBlock(model, 'mychannel', new Date('2026-11-26T00:00:00Z')).value!;
    expect(Buffer.from(later)).not.toEqual(Buffer.from(bytes));
  });

  it('is a config block for its channel', () => {
    const info = configBlockInfo(bytes).value!;
    expect(info.channelId).toBe('mychannel');
    expect(info.blockNumber).toBe('0');
  });
});
