// The BFT safety guards on a live BFT channel: its state is the genesis block of test/fixtures/fabric3's
// bft-channel.yaml, and the spec then changes. One consenter change per update; BlockValidation always the policy
// Fabric derives from the consenter set (the orderer refuses any other).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/compiler/diagnostics/index.js';
import { positionOf } from '../../../src/compiler/diagnostics/index.js';
import { bftBlockValidationPolicyJson } from '../../../src/compiler/fabric/config/bft-block-validation.js';
import { channelConfigJson } from '../../../src/compiler/fabric/config/channel-config.js';
import { buildGenesisBlock, type ConfigJson } from '../../../src/compiler/fabric/index.js';
import { type LoadedSpec, loadSpec } from '../../../src/compiler/load-spec.js';
import { bftBlockValidation } from '../../../src/compiler/plan/guards/bft-block-validation.js';
import type { GuardContext } from '../../../src/compiler/plan/guards/index.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import type { ChannelPlanResult } from '../../../src/compiler/plan/plan-channel.js';
import { createRuleContext } from '../../../src/compiler/validate/rule-context.js';
import { planExample } from '../../helpers/plan-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-bft-guards-'));
cpSync(join(repoRoot, 'test/fixtures/fabric3/msp'), join(dir, 'msp'), { recursive: true });
const original = readFileSync(join(repoRoot, 'test/fixtures/fabric3/bft-channel.yaml'), 'utf8');
const specFile = join(dir, 'network.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string): LoadedSpec {
  writeFileSync(specFile, text);
  const result = loadSpec(specFile);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.value!;
}

// The live channel: created from the spec as committed.
const stateDir = join(dir, 'state');
mkdirSync(join(stateDir, 'fabric'), { recursive: true });
writeFileSync(
  join(stateDir, 'fabric/mychannel.block'),
  buildGenesisBlock(load(original).model, 'mychannel', new Date('2026-12-01T00:00:00Z')).value!,
);

function plan(text: string) {
  const loaded = load(text);
  return makePlan({ loaded, specFile, stateDir, timestamp: new Date(0) });
}

const where = (text: string, d: Diagnostic) => {
  const { line, column } = positionOf(text, d.ranges[0]!.start);
  return `${line}:${column}`;
};

describe('BFT guards in a plan', () => {
  it('pass a SmartBFT option change', () => {
    const text = original.replace(
      'maxMessageCount: 5000',
      'maxMessageCount: 5000\n      smartbft:\n        viewChangeTimeout: 30s',
    );
    const result = plan(text);
    expect(result.plan!.channels[0]!.action).toBe('update');
    expect(result.plan!.guards).toEqual([]);
  });

  it('pass one consenter moving host, with BlockValidation unchanged and correct', () => {
    const result = plan(original.replace('host: bft3.example.com', 'host: bft3.example.org'));
    expect(result.plan!.guards).toEqual([]);
  });

  it('refuse two consenters changed in one update, at the channel consenters', () => {
    const text = original
      .replace('host: bft2.example.com', 'host: bft2.example.org')
      .replace('host: bft3.example.com', 'host: bft3.example.org');
    const result = plan(text);
    const guards = result.plan!.guards;
    expect(guards.map((g) => g.diagnostic.code)).toEqual(['NS_GUARD_BFT_CONSENTER_CHANGES']);
    expect(guards[0]!.diagnostic.message).toMatch(
      /changes 2 BFT consenters in one update \(~3 \(bft2\.example\.org\), ~4/,
    );
    expect(where(text, guards[0]!.diagnostic)).toBe(
      `${text.split('\n').findIndex((l) => l.includes('consenters: [')) + 1}:19`,
    );
    expect(result.plan!.summary.blocked).toBe(true);
  });
});

describe('bftBlockValidation', () => {
  it('refuses a consenter certificate change whose BlockValidation is left stale, with a position', () => {
    const loaded = load(original);
    const live = channelConfigJson(loaded.model, 'mychannel') as unknown as ConfigJson;
    const desired = structuredClone(live);
    // bft3's identity changes in Orderers, but BlockValidation still names the old certificate.
    const orderer = desired.channel_group.groups.Orderer!;
    const mapping = (orderer.values.Orderers!.value as { consenter_mapping: { identity: string }[] }).consenter_mapping;
    mapping[3]!.identity = Buffer.from('-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n').toString(
      'base64',
    );
    const channel = {
      plan: { action: 'update', channel: 'mychannel' },
      artifacts: new Map(),
      liveConfig: live,
      desiredConfig: desired,
      diagnostics: [],
    } as unknown as ChannelPlanResult;
    const found: Diagnostic[] = [];
    const ctx: GuardContext = {
      model: loaded.model,
      channels: [channel],
      chaincodes: [],
      quorum: [],
      report: (_target, finding) => createRuleContext(loaded.spec, loaded.parsed, dir, found).report(finding),
    };
    bftBlockValidation(ctx);
    expect(found.map((d) => d.code)).toEqual(['NS_GUARD_BFT_BLOCK_VALIDATION']);
    expect(found[0]!.message).toMatch(
      /not the one Fabric derives from its 4 consenters \(3 of their identities\); the orderer rejects/,
    );
    expect(where(original, found[0]!)).toBe(
      `${original.split('\n').findIndex((l) => l.includes('consenters: [')) + 1}:19`,
    );

    // The same change with the policy recomputed, as netspec's plan writes it, passes.
    found.length = 0;
    const fixed = structuredClone(desired);
    fixed.channel_group.groups.Orderer!.policies.BlockValidation!.policy = bftBlockValidationPolicyJson(
      mapping as unknown as Parameters<typeof bftBlockValidationPolicyJson>[0],
    ) as never;
    channel.desiredConfig = fixed;
    bftBlockValidation(ctx);
    expect(found).toEqual([]);
  });
});

describe('networks/bft-example', () => {
  it('plans its one SmartBFT change without guard findings, and runs Fabric 3.1 nodes', () => {
    const result = planExample('bft-example');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = result.plan!;
    expect(plan.channels.map((c) => [c.channel, c.action])).toEqual([['trade', 'update']]);
    expect(plan.guards).toEqual([]);
    const manifest = Buffer.from(result.artifacts.get('k8s/ordera/manifest.yaml')!).toString('utf8');
    expect(manifest).toContain('image: hyperledger/fabric-orderer:3.1.5');
    expect(manifest).not.toContain('fabric-orderer:2.5');
  });
});
