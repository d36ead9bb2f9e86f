// Recording rolled-out transitions writes the spec's transitions, only for an organization whose applied manifests
// carried the verified genesis, and only while the state's record is the one the bundle was planned against: a
// plan.json entry never chooses what is recorded.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrganizationManifests } from '../../../src/apply/kubernetes/index.js';
import { recordRolledOutTransitions } from '../../../src/apply/quorum/index.js';
import type { K8sObject } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { verifiedAt, verifyAt, withPlan, writeTestBundle } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

/** networks/quickstart with a transition at block 60000, planned against its example state, bundled and verified. */
function verifiedTransitionsBundle() {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-record-transitions-'));
  cpSync(join(repoRoot, 'networks/quickstart'), dir, { recursive: true });
  const specFile = join(dir, 'network.yaml');
  writeFileSync(
    specFile,
    readFileSync(specFile, 'utf8').replace(
      '    blockPeriod: 5s\n',
      '    blockPeriod: 5s\n    transitions:\n      - block: 60000\n        blockPeriod: 2s\n',
    ),
  );
  const stateDir = join(dir, 'state');
  const record = join(stateDir, 'quorum/payments.json');
  // A field netspec does not read: recording must keep it.
  writeFileSync(record, `${JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), note: 'kept' }, null, 2)}\n`);
  const loaded = loadSpec(specFile);
  if (!loaded.value) throw new Error('the spec does not load');
  const planned = makePlan({ loaded: loaded.value, specFile, stateDir, timestamp: new Date(0) });
  if (!planned.plan) throw new Error(planned.diagnostics.map((d) => d.message).join('; '));
  const bundle = join(dir, 'bundle');
  writeTestBundle(bundle, planned.plan, planned.artifacts);
  const verified = verifiedAt(bundle, { specFile, stateDir });
  const objects = (org: string) => readOrganizationManifests(verified.bundle.files, org).objects;
  return {
    verified,
    record,
    before: readFileSync(record, 'utf8'),
    objects,
    planned: { plan: planned.plan, artifacts: planned.artifacts, files: { specFile, stateDir }, dir },
  };
}

describe('recording rolled-out transitions', () => {
  it('writes the spec’s transitions into the record, keeping every other field, once', () => {
    const { verified, record, before, objects } = verifiedTransitionsBundle();
    expect(recordRolledOutTransitions(verified, objects('alpha'))).toEqual({
      records: [{ network: 'payments', file: record, outcome: 'recorded' }],
      problems: [],
    });
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      ...JSON.parse(before),
      transitions: [{ block: 60000, blockperiodseconds: 2 }],
    });
    const written = readFileSync(record, 'utf8');
    expect(recordRolledOutTransitions(verified, objects('beta')).records).toEqual([
      { network: 'payments', file: record, outcome: 'unchanged' },
    ]);
    expect(readFileSync(record, 'utf8')).toBe(written);
  });

  it('records nothing for manifests without the bundle’s genesis: none applied, or another genesis', () => {
    const { verified, record, before, objects } = verifiedTransitionsBundle();
    const alpha = objects('alpha');
    const withoutGenesis = alpha.filter((object) => object.metadata.name !== 'payments-genesis');
    expect(withoutGenesis.length).toBe(alpha.length - 1);
    expect(recordRolledOutTransitions(verified, withoutGenesis)).toEqual({ records: [], problems: [] });
    const otherGenesis = alpha.map(
      (object): K8sObject =>
        object.metadata.name === 'payments-genesis'
          ? { ...object, data: { 'genesis.json': '{"config":{}}\n' } }
          : object,
    );
    expect(recordRolledOutTransitions(verified, otherGenesis)).toEqual({ records: [], problems: [] });
    expect(readFileSync(record, 'utf8')).toBe(before);
  });

  it('refuses a record that moved since the bundle was planned, and a plan entry naming another change', () => {
    const { verified, record, before, objects } = verifiedTransitionsBundle();
    const moved = `${JSON.stringify({ ...JSON.parse(before), blockNumber: 50000 }, null, 2)}\n`;
    writeFileSync(record, moved);
    const refused = recordRolledOutTransitions(verified, objects('alpha'));
    expect(refused.records).toEqual([]);
    expect(refused.problems.map((p) => [p.code, p.file])).toEqual([['NS_BUNDLE_OUTDATED', record]]);
    expect(refused.problems[0]!.message).toContain('(block 48213, now 50000)');
    expect(readFileSync(record, 'utf8')).toBe(moved);

    writeFileSync(record, before);
    const plan = verified.bundle.plan;
    const forged = withPlan(verified, {
      ...plan,
      quorum: plan.quorum.map((q) => ({
        ...q,
        transitions: {
          liveBlock: 48213,
          changes: [{ change: 'add' as const, block: 60000, after: { block: 60000, blockperiodseconds: 1 } }],
        },
      })),
    });
    expect(recordRolledOutTransitions(forged, objects('alpha')).problems.map((p) => p.code)).toEqual([
      'NS_BUNDLE_OUTDATED',
    ]);
    expect(readFileSync(record, 'utf8')).toBe(before);
  });

  it('leaves the bundle verifying by its votes, which are still compared with the re-plan, guards included', () => {
    const { verified, objects, planned } = verifiedTransitionsBundle();
    expect(recordRolledOutTransitions(verified, objects('alpha')).records.map((r) => r.outcome)).toEqual(['recorded']);
    const problemsOf = (dir: string) =>
      (verifyAt(dir, planned.files).report.problems ?? []).map((found) => `${found.code} ${found.message}`);
    expect(problemsOf(verified.bundle.dir)).toEqual([]);

    const votes = 'quorum/payments/votes.json';
    const doctored = new Map(planned.artifacts);
    doctored.set(
      votes,
      new TextEncoder().encode(Buffer.from(planned.artifacts.get(votes)!).toString().replace('"add"', '"remove"')),
    );
    writeTestBundle(join(planned.dir, 'votes'), planned.plan, doctored);
    expect(problemsOf(join(planned.dir, 'votes'))).toContain(
      `NS_BUNDLE_TAMPERED tampered: ${votes} differs from what the spec and the live state produce`,
    );

    const finding = {
      target: 'payments',
      diagnostic: {
        code: 'NS_GUARD_QUORUM_CONTRACT_VALIDATORS' as const,
        severity: 'warning' as const,
        message: 'forged',
        ranges: [],
      },
    };
    writeTestBundle(
      join(planned.dir, 'guards'),
      { ...planned.plan, guards: [...planned.plan.guards, finding] },
      planned.artifacts,
    );
    expect(problemsOf(join(planned.dir, 'guards'))).toContain(
      "NS_BUNDLE_TAMPERED tampered: plan.json's guard findings differ from those the spec and the live state produce",
    );
  });
});
