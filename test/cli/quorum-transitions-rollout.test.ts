// A Besu QBFT transitions change reaches the nodes through each organization's genesis ConfigMap (apply --k8s), and
// no node serves its transitions back: the apply that rolls the genesis out records them in the state, so the next
// plan shows the change no more. A bundle that does not verify (tampered, or planned on a state that has moved past
// the transition) records nothing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeKubeApi, startFakeKubeApi } from '../apply/kubernetes/fake-kube-api.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const TRANSITION = '    transitions:\n      - block: 60000\n        blockPeriod: 2s\n';

/** networks/quickstart (live at block 48213, three of four validators) with a transition at block 60000, planned. */
async function plannedNetwork(): Promise<{ spec: string; bundle: string; record: string; before: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-transitions-rollout-'));
  cpSync(join(repoRoot, 'networks/quickstart'), dir, { recursive: true });
  const spec = join(dir, 'network.yaml');
  const text = readFileSync(spec, 'utf8');
  writeFileSync(spec, text.replace('    blockPeriod: 5s\n', `    blockPeriod: 5s\n${TRANSITION}`));
  const bundle = join(dir, 'bundle');
  const planned = await runCli(['plan', spec, '--out', bundle, '--format', 'json']);
  expect(planned.code, planned.stderr).toBe(2);
  const record = join(dir, 'state/quorum/payments.json');
  return { spec, bundle, record, before: readFileSync(record, 'utf8') };
}

async function paymentsPlan(spec: string) {
  const planned = await runCli(['plan', spec, '--format', 'json']);
  expect(planned.code, planned.stderr).toBe(2);
  return JSON.parse(planned.stdout).quorum.find((q: { network: string }) => q.network === 'payments');
}

describe('apply --k8s records the QBFT transitions it rolled out', () => {
  let api: FakeKubeApi;
  beforeEach(async () => {
    api = await startFakeKubeApi();
  });
  afterEach(async () => {
    await api.close();
  });
  const applyK8s = (bundle: string, org: string) =>
    runCli(['apply', bundle, '--k8s', '--org', org], { env: { KUBECONFIG: api.kubeconfig(['cluster']) } });

  it('plan → verify → apply: the record holds the planned transitions and the next plan shows no change', async () => {
    const { spec, bundle, record, before } = await plannedNetwork();
    const planned = JSON.parse(readFileSync(join(bundle, 'plan.json'), 'utf8')).quorum[0];
    expect(planned.action).toBe('update');
    expect(planned.transitions).toEqual({
      liveBlock: 48213,
      changes: [{ change: 'add', block: 60000, after: { block: 60000, blockperiodseconds: 2 } }],
    });
    // The genesis the bundle carries is the one alpha's ConfigMap rolls out.
    const genesis = readFileSync(join(bundle, 'quorum/payments/genesis.json'), 'utf8');
    expect(JSON.parse(genesis).config.transitions).toEqual({ qbft: [{ block: 60000, blockperiodseconds: 2 }] });
    expect(readFileSync(join(bundle, 'k8s/alpha/manifest.yaml'), 'utf8')).toContain('name: payments-genesis');

    const alpha = await applyK8s(bundle, 'alpha');
    expect(alpha.stderr).toBe('');
    expect(alpha.code).toBe(0);
    const events = alpha.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toEqual({
      organization: 'alpha',
      event: 'recorded-transitions',
      network: 'payments',
      file: record,
    });
    // Only `transitions` is new: the validators and block fetch read stay as they were.
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({
      ...JSON.parse(before),
      transitions: [{ block: 60000, blockperiodseconds: 2 }],
    });

    const next = await paymentsPlan(spec);
    expect(next.transitions).toBeUndefined();
    expect(next.artifacts).toEqual(['quorum/payments/votes.json']);
    // The votes the bundle carries are still to cast: the bundle still verifies, for them and for beta's rollout.
    expect(next.action).toBe('vote');
    const verified = await runCli(['verify', bundle]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const beta = await applyK8s(bundle, 'beta');
    expect(beta.code, beta.stderr).toBe(0);
    expect(beta.stdout).not.toContain('recorded-transitions');
    expect(JSON.parse(readFileSync(record, 'utf8')).transitions).toEqual([{ block: 60000, blockperiodseconds: 2 }]);
  });

  it('records nothing on a dry run', async () => {
    const { bundle, record, before } = await plannedNetwork();
    const dry = await runCli(['apply', bundle, '--k8s', '--org', 'alpha', '--dry-run'], {
      env: { KUBECONFIG: api.kubeconfig(['cluster']) },
    });
    expect(dry.code, dry.stderr).toBe(0);
    expect(readFileSync(record, 'utf8')).toBe(before);
  });

  it('records nothing from a tampered bundle', async () => {
    const { bundle, record, before } = await plannedNetwork();
    const manifest = join(bundle, 'k8s/alpha/manifest.yaml');
    // alpha's genesis ConfigMap changed to another block period than the one reviewed.
    const text = readFileSync(manifest, 'utf8');
    const doctored = text.replace('"blockperiodseconds": 2', '"blockperiodseconds": 1');
    expect(doctored).not.toBe(text);
    writeFileSync(manifest, doctored);
    const result = await applyK8s(bundle, 'alpha');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('netspec: the bundle does not verify (invalid): nothing was applied');
    expect(result.stderr).toContain('NS_BUNDLE_TAMPERED');
    expect(api.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    expect(readFileSync(record, 'utf8')).toBe(before);
  });

  it('records nothing once the chain has passed the transition’s block: the bundle no longer verifies', async () => {
    const { bundle, record } = await plannedNetwork();
    // A later fetch: the chain is past block 60000, where Besu would refuse a new transition.
    const moved = { ...JSON.parse(readFileSync(record, 'utf8')), blockNumber: 61000 };
    writeFileSync(record, `${JSON.stringify(moved, null, 2)}\n`);
    const result = await applyK8s(bundle, 'alpha');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NS_GUARD_QUORUM_TRANSITION_PASSED');
    expect(api.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual(moved);
  });
});
