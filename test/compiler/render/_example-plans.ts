// Real plans for the render tests: the example specs against live state, planned by makePlan itself, so the
// renderers are tested on what the plan stage really produces rather than on a hand-written imitation.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/network-model.js';
import { makePlan } from '../../../src/compiler/plan/make-plan.js';
import type { Plan } from '../../../src/compiler/plan/plan.js';
import { identitiesOf } from '../../../src/compiler/quorum/index.js';

export interface ExamplePlan {
  plan: Plan;
  model: NetworkModel;
}

export function planFor(specFile: string, stateDir: string): ExamplePlan {
  const loaded = loadSpec(specFile);
  if (!loaded.value)
    throw new Error(`${specFile} does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const result = makePlan({
    loaded: loaded.value,
    specFile,

    stateDir,
    timestamp: new Date(0),
  });
  if (!result.plan) throw new Error(`no plan for ${specFile}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { plan: result.plan, model: loaded.value.model };
}

/** The supply-chain example against its shipped state: BatchSize, retailer joining, ACL and policy changes. */
export function supplyChainPlan(): ExamplePlan {
  return planFor('networks/supply-chain/network.yaml', 'networks/supply-chain/state');
}

/**
 * The quickstart example against a state with no Fabric channel (so `invoices` is created) and a live Besu
 * set of validator0..2 plus one validator the spec does not know: one vote adds validator3, one removes it.
 */
export function quickstartPlanWithVotes(): ExamplePlan & { unknownValidator: string } {
  const loaded = loadSpec('networks/quickstart/network.yaml');
  if (!loaded.value) throw new Error('quickstart does not load');
  const payments = loaded.value.model.quorum.find((q) => q.name === 'payments');
  if (!payments) throw new Error('quickstart has no payments network');
  const unknownValidator = `0x${'ab'.repeat(20)}`;
  const live = [
    ...identitiesOf(payments.validators)
      .slice(0, 3)
      .map((v) => v.address),
    unknownValidator,
  ];
  const stateDir = mkdtempSync(join(tmpdir(), 'netspec-render-'));
  mkdirSync(join(stateDir, 'quorum'));
  writeFileSync(join(stateDir, 'quorum', 'payments.json'), JSON.stringify({ validators: live, blockNumber: 1200 }));
  return { ...planFor('networks/quickstart/network.yaml', stateDir), unknownValidator };
}

/** A plan value the live network already matches: what makePlan returns when state equals spec. */
export function withoutChanges(plan: Plan): Plan {
  return {
    ...plan,
    channels: plan.channels.map((c) => {
      const { artifact: _artifact, artifactHash: _hash, ...rest } = c;
      return { ...rest, action: 'noop' as const, delta: [], signers: [] };
    }),
    chaincodes: plan.chaincodes.map((c) => ({ ...c, action: 'noop' as const, live: c.desired, steps: [] })),
    quorum: plan.quorum.map((q) => {
      const { votes: _votes, ...rest } = q;
      return { ...rest, action: 'noop' as const, artifacts: [] };
    }),
    kubernetes: plan.kubernetes.map((org) => ({
      organization: org.organization,
      create: [],
      change: [],
      prune: [],
      unchanged: org.unchanged + org.create.length + org.change.length,
    })),
    guards: [],
    summary: {
      channelsCreated: 0,
      channelsUpdated: 0,
      channelsUnchanged: plan.channels.length,
      chaincodeChanges: 0,
      validatorVotes: 0,
      kubernetesChanges: 0,
      blocked: false,
      hasChanges: false,
    },
  };
}
