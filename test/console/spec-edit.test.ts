// The console's edits change only the bytes they mean to: the diff a reviewer sees is the edit and nothing else,
// whatever the layout (flow or block lists, a missing batchSize), and an edit naming what the spec lacks is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/compiler/load-spec.js';
import { unifiedDiff } from '../../src/console/edits/line-diff.js';
import { applyEdit, parseEdit } from '../../src/console/edits/spec-edit.js';
import { repoRoot } from '../helpers/run-cli.js';

const file = join(repoRoot, 'networks/supply-chain/network.yaml');
const original = readFileSync(file, 'utf8');

function edited(text: string, edit: unknown): string {
  const loaded = loadSpec(file, { bytes: new TextEncoder().encode(text) });
  const parsed = parseEdit(JSON.stringify(edit));
  if ('error' in parsed) throw new Error(parsed.error);
  const result = applyEdit(text, loaded.value!.model, parsed);
  if ('error' in result) throw new Error(result.error);
  return result.text;
}

/** The changed lines only: what a reviewer reads. */
function changes(before: string, after: string): string[] {
  return unifiedDiff(before, after, 'network.yaml')
    .split('\n')
    .filter((line) => /^[-+][^-+]/.test(line));
}

describe('console edits', () => {
  it('adds an organization to a flow list of members and to a block list', () => {
    const flow = edited(original, { kind: 'add-member', channel: 'production', organization: 'retailer' });
    expect(changes(original, flow)).toEqual([
      '-    members: [manufacturer, distributor]',
      '+    members: [manufacturer, distributor, retailer]',
    ]);
    const block = original.replace(
      '    members: [manufacturer, distributor]\n',
      '    members:\n      - manufacturer # makes the goods\n      - distributor\n',
    );
    expect(
      changes(block, edited(block, { kind: 'add-member', channel: 'production', organization: 'retailer' })),
    ).toEqual(['+      - retailer']);
  });

  it('changes batch settings in place, and adds batchSize where the channel has none', () => {
    const production = edited(original, { kind: 'batch', channel: 'production', maxMessageCount: '800' });
    expect(changes(original, production)).toEqual(['-        maxMessageCount: 500', '+        maxMessageCount: 800']);
    const distribution = edited(original, {
      kind: 'batch',
      channel: 'distribution',
      batchTimeout: '3s',
      preferredMaxBytes: '4 MB',
    });
    expect(changes(original, distribution)).toEqual([
      '-      batchTimeout: 1s',
      '+      batchTimeout: 3s',
      '+      batchSize:',
      '+        preferredMaxBytes: 4 MB',
    ]);
  });

  it('moves a chaincode to its next version and sequence, and its image tag with it, keeping the quotes', () => {
    const next = edited(original, {
      kind: 'chaincode-version',
      channel: 'production',
      chaincode: 'product-registry',
      version: '1.3',
    });
    expect(changes(original, next)).toEqual([
      '-    version: "1.2"',
      '-    sequence: 2',
      '+    version: "1.3"',
      '+    sequence: 3',
      '-      image: ghcr.io/supply-chain/product-registry:1.2',
      '+      image: ghcr.io/supply-chain/product-registry:1.3',
    ]);
  });

  it('refuses edits that name what the spec lacks, or carry fields of another kind', () => {
    const model = loadSpec(file).value!.model;
    const refuse = (edit: unknown) => {
      const parsed = parseEdit(JSON.stringify(edit));
      return 'error' in parsed ? parsed.error : (applyEdit(original, model, parsed) as { error?: string }).error;
    };
    expect(refuse({ kind: 'add-member', channel: 'production', organization: 'mallory' })).toBe(
      'the spec has no organization mallory',
    );
    expect(refuse({ kind: 'add-member', channel: 'production', organization: 'distributor' })).toBe(
      'distributor is already a member of production',
    );
    expect(refuse({ kind: 'batch', channel: 'nowhere', batchTimeout: '1s' })).toBe('the spec has no channel nowhere');
    expect(refuse({ kind: 'batch', channel: 'production' })).toBe('a batch edit changes at least one batch setting');
    expect(refuse({ kind: 'add-member', channel: 'production', organization: 'retailer', path: '/etc' })).toBe(
      'an edit of kind add-member has no field path',
    );
    expect(
      refuse({ kind: 'chaincode-version', channel: 'production', chaincode: 'product-registry', version: 3 }),
    ).toBe('version must be a short non-empty text');
    expect(refuse({ kind: 'rewrite-everything' })).toBe('kind must be one of add-member, batch, chaincode-version');
  });
});
