// Transitions are planned like any change: against the transitions the live nodes' genesis holds (the state's
// record) and the block the chain has reached. A change at a block already made is refused at its line; a change
// ahead of the chain brings the new genesis; where a contract chooses validators, nothing is voted.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionOf } from '../../../src/compiler/diagnostics/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { renderMarkdown } from '../../../src/compiler/render/index.js';
import { verifyAt, writeTestBundle } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

const LIVE_VALIDATORS = [
  '0x4112c6b35cde7a860650e4d8bbf4abbc949c1249',
  '0x2b7ee687aece64c8d0b8cf811900d61737925902',
  '0x81fec37e52f7e02371f05fae5d10afac9380335e',
  '0xb95143c6599d911d0bfcb2b4b8bd3993bc8ca765',
];

/** networks/quickstart with `transitions` (YAML lines under payments) and a live state at `blockNumber`. */
function planQuickstart(
  transitionsYaml: string,
  live: { blockNumber: number; transitions?: unknown[]; validators?: string[] },
) {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-transitions-'));
  symlinkSync(join(repoRoot, 'networks/quickstart/crypto'), join(dir, 'crypto'));
  const yaml = readFileSync(join(repoRoot, 'networks/quickstart/network.yaml'), 'utf8').replace(
    '    blockPeriod: 5s\n',
    `    blockPeriod: 5s\n${transitionsYaml}`,
  );
  const file = join(dir, 'network.yaml');
  writeFileSync(file, yaml);
  const state = join(dir, 'state');
  mkdirSync(join(state, 'quorum'), { recursive: true });
  writeFileSync(
    join(state, 'quorum/payments.json'),
    JSON.stringify({
      validators: live.validators ?? LIVE_VALIDATORS,
      blockNumber: live.blockNumber,
      ...(live.transitions ? { transitions: live.transitions } : {}),
    }),
  );
  const loaded = loadSpec(file);
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const result = makePlan({
    loaded: loaded.value,
    specFile: file,

    stateDir: state,
    timestamp: new Date(0),
  });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  const payments = result.plan.quorum.find((q) => q.network === 'payments')!;
  const findings = result.plan.guards.map((g) => {
    const range = g.diagnostic.ranges[0];
    const where = range ? positionOf(yaml, range.start) : undefined;
    return `${where ? `${where.line}:${where.column}` : '-'} ${g.diagnostic.severity} ${g.diagnostic.code}`;
  });
  return {
    plan: result.plan,
    payments,
    artifacts: result.artifacts,
    findings,
    yaml,
    model: loaded.value.model,
    files: { specFile: file, stateDir: state },
    dir,
  };
}

const lineOf = (yaml: string, needle: string) => yaml.slice(0, yaml.indexOf(needle)).split('\n').length;

describe('planning transitions', () => {
  it('adds a transition ahead of the chain: the new genesis, shown in plan.md, unblocked', () => {
    const { plan, payments, artifacts, findings, model } = planQuickstart(
      '    transitions:\n      - block: 60000\n        blockPeriod: 2s\n',
      { blockNumber: 48213 },
    );
    expect(payments.action).toBe('update');
    expect(payments.transitions).toEqual({
      liveBlock: 48213,
      changes: [{ change: 'add', block: 60000, after: { block: 60000, blockperiodseconds: 2 } }],
    });
    expect(payments.artifacts).toEqual(['quorum/payments/genesis.json']);
    const genesis = JSON.parse(Buffer.from(artifacts.get('quorum/payments/genesis.json')!).toString('utf8'));
    expect(genesis.config.transitions).toEqual({ qbft: [{ block: 60000, blockperiodseconds: 2 }] });
    expect(findings).toEqual([]);
    expect(plan.summary.hasChanges).toBe(true);
    const markdown = renderMarkdown(plan, model);
    expect(markdown).toContain('genesis transitions');
    expect(markdown).toMatch(/\| 60000 \| \\\+ add \| — \| blockperiodseconds: `2` \| in 11787 blocks \|/);
  });

  it('refuses a transition at a block the chain has made, at its block', () => {
    const { findings, yaml, payments } = planQuickstart(
      '    transitions:\n      - block: 40000\n        blockPeriod: 2s\n      - block: 60000\n        blockPeriod: 3s\n',
      { blockNumber: 48213 },
    );
    expect(payments.transitions?.changes.map((c) => [c.change, c.block])).toEqual([
      ['add', 40000],
      ['add', 60000],
    ]);
    expect(findings).toEqual([`${lineOf(yaml, 'block: 40000')}:16 error NS_GUARD_QUORUM_TRANSITION_PASSED`]);
  });

  it('refuses changing or removing a recorded transition the chain has passed', () => {
    const recorded = [{ block: 30000, blockperiodseconds: 2 }];
    const changed = planQuickstart('    transitions:\n      - block: 30000\n        blockPeriod: 1s\n', {
      blockNumber: 48213,
      transitions: recorded,
    });
    expect(changed.payments.transitions?.changes).toEqual([
      { change: 'change', block: 30000, before: recorded[0], after: { block: 30000, blockperiodseconds: 1 } },
    ]);
    expect(changed.findings).toEqual([
      `${lineOf(changed.yaml, 'block: 30000')}:16 error NS_GUARD_QUORUM_TRANSITION_PASSED`,
    ]);

    const removed = planQuickstart('', { blockNumber: 48213, transitions: recorded });
    expect(removed.payments.transitions?.changes).toEqual([{ change: 'remove', block: 30000, before: recorded[0] }]);
    expect(removed.findings).toEqual([
      `${lineOf(removed.yaml, 'payments:')}:3 error NS_GUARD_QUORUM_TRANSITION_PASSED`,
    ]);
  });

  it('plans nothing when the live genesis already has the spec’s transitions', () => {
    const { payments, findings } = planQuickstart('    transitions:\n      - block: 30000\n        blockPeriod: 2s\n', {
      blockNumber: 48213,
      transitions: [{ block: 30000, blockperiodseconds: 2 }],
    });
    expect(payments.action).toBe('noop');
    expect(findings).toEqual([]);
  });

  it('votes nothing once a contract chooses the validators, and reports where its set differs', () => {
    const contract = '0x0000000000000000000000000000000000007777';
    const transition = { block: 40000, validatorselectionmode: 'contract', validatorcontractaddress: contract };
    const { payments, findings, yaml, artifacts } = planQuickstart(
      `    transitions:\n      - block: 40000\n        validatorSelectionMode: contract\n        validatorContractAddress: "${contract}"\n`,
      { blockNumber: 48213, transitions: [transition], validators: LIVE_VALIDATORS.slice(0, 3) },
    );
    expect(payments.action).toBe('noop');
    expect(payments.votes).toBeUndefined();
    expect([...artifacts.keys()].filter((path) => path.startsWith('quorum/'))).toEqual([]);
    expect(payments.validatorContract).toEqual({
      address: contract,
      liveBlock: 48213,
      missing: [LIVE_VALIDATORS[3]],
      unexpected: [],
    });
    expect(findings).toEqual([`${lineOf(yaml, '    validators:')}:5 warning NS_GUARD_QUORUM_CONTRACT_VALIDATORS`]);
  });

  it('still votes in block-header mode before a future switch to a contract', () => {
    const { payments } = planQuickstart(
      '    transitions:\n      - block: 90000\n        validatorSelectionMode: contract\n        validatorContractAddress: "0x0000000000000000000000000000000000007777"\n',
      { blockNumber: 48213, validators: LIVE_VALIDATORS.slice(0, 3) },
    );
    expect(payments.action).toBe('update');
    expect(payments.votes?.steps.map((s) => [s.action, s.address])).toEqual([['add', LIVE_VALIDATORS[3]]]);
    expect(payments.artifacts).toEqual(['quorum/payments/genesis.json', 'quorum/payments/votes.json']);
  });
});

describe('verifying a transitions bundle', () => {
  const planned = () =>
    planQuickstart('    transitions:\n      - block: 60000\n        blockPeriod: 2s\n', { blockNumber: 48213 });
  const problemsOf = (outcome: ReturnType<typeof verifyAt>) =>
    (outcome.report.problems ?? []).map((problem) => `${problem.code} ${problem.message}`);

  it('re-plans it: the bundle as planned passes the re-plan', () => {
    const { plan, artifacts, files, dir } = planned();
    writeTestBundle(join(dir, 'bundle'), plan, artifacts);
    expect(problemsOf(verifyAt(join(dir, 'bundle'), files))).toEqual([]);
  });

  it('refuses a genesis that is not the one the spec’s transitions give, and a doctored plan entry', () => {
    const { plan, artifacts, files, dir } = planned();
    const doctored = new Map(artifacts);
    const genesis = JSON.parse(Buffer.from(artifacts.get('quorum/payments/genesis.json')!).toString('utf8'));
    genesis.config.transitions.qbft[0].blockperiodseconds = 1;
    doctored.set('quorum/payments/genesis.json', new TextEncoder().encode(`${JSON.stringify(genesis, null, 2)}\n`));
    writeTestBundle(join(dir, 'genesis'), plan, doctored);
    expect(problemsOf(verifyAt(join(dir, 'genesis'), files))).toContain(
      'NS_BUNDLE_TAMPERED tampered: quorum/payments/genesis.json differs from what the spec and the live state produce',
    );

    const entry = plan.quorum.find((q) => q.network === 'payments')!;
    const forged = {
      ...plan,
      quorum: plan.quorum.map((q) => (q === entry ? { ...q, transitions: { ...q.transitions!, liveBlock: 10 } } : q)),
    };
    writeTestBundle(join(dir, 'entry'), forged, artifacts);
    expect(problemsOf(verifyAt(join(dir, 'entry'), files))).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's Quorum network payments differs from the plan the spec produces",
    );
  });
});
