import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedSpec } from '../../../src/compiler/load-spec.js';
import { planExample } from '../../helpers/plan-fixture.js';

function guardsOf(change: (loaded: LoadedSpec) => void, example = 'supply-chain', stateDir?: string) {
  const result = planExample(example, { change, ...(stateDir ? { stateDir } : {}) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return {
    plan: result.plan!,
    found: result.plan!.guards.map((g) => `${g.diagnostic.severity} ${g.diagnostic.code} ${g.target}`),
  };
}

const production = (loaded: LoadedSpec) => loaded.model.channels.find((c) => c.name === 'production')!;

describe('safety guards', () => {
  it('passes the example plan without findings', () => {
    expect(guardsOf(() => {}).found).toEqual([]);
  });

  it('blocks two consenter changes in one update, fewer than 3 and a lost quorum', () => {
    const { plan, found } = guardsOf((loaded) => {
      production(loaded).orderer.consenters.splice(1, 2);
    });
    expect(found).toEqual([
      'error NS_GUARD_CONSENTER_CHANGES production',
      'error NS_GUARD_CONSENTERS_TOO_FEW production',
      'error NS_GUARD_CONSENTER_QUORUM production',
    ]);
    expect(plan.summary.blocked).toBe(true);
  });

  it('blocks an even consenter count unless allowed, and then keeps it visible as a warning', () => {
    const addFourth = (loaded: LoadedSpec) => {
      const channel = production(loaded);
      channel.orderer.consenters.push({
        ...channel.orderer.consenters[0]!,
        host: 'orderer3.operator.supply.example.com',
        ref: 'operator/orderer3',
      });
    };
    expect(guardsOf(addFourth).found).toEqual(['error NS_GUARD_CONSENTERS_EVEN production']);
    const allowed = guardsOf((loaded) => {
      addFourth(loaded);
      loaded.spec.allow = ['NS_GUARD_CONSENTERS_EVEN'];
    });
    expect(allowed.found).toEqual(['warning NS_GUARD_CONSENTERS_EVEN production']);
    expect(allowed.plan.summary.blocked).toBe(false);
    expect(allowed.plan.guards[0]!.diagnostic.message).toMatch(/\(allowed by the spec\)$/);
  });

  it('blocks removing the last orderer organization and the policies left over nobody', () => {
    const { found } = guardsOf((loaded) => {
      production(loaded).orderer.organizations = [];
    });
    expect(found).toContain('error NS_GUARD_LAST_ORDERER_ORG production');
    expect(found).toContain('error NS_GUARD_IMPLICIT_META_EMPTY production');
  });

  it('blocks removing an org that a chaincode endorsement policy still names', () => {
    const { plan, found } = guardsOf((loaded) => {
      const channel = production(loaded);
      channel.members = ['manufacturer'];
      channel.anchorPeers = channel.anchorPeers.filter((p) => p.organization === 'manufacturer');
    });
    expect(found).toContain('error NS_GUARD_ORG_NEEDED_BY_CHAINCODE production');
    const finding = plan.guards.find((g) => g.diagnostic.code === 'NS_GUARD_ORG_NEEDED_BY_CHAINCODE')!;
    expect(finding.diagnostic.message).toBe(
      "channel 'production' removes DistributorMSP, but chaincode 'product-registry' still names it in its endorsement policy",
    );
  });

  it('blocks a capability downgrade', () => {
    const { found } = guardsOf((loaded) => {
      production(loaded).capabilities.application = 'V2_0';
    });
    expect(found).toEqual(['error NS_GUARD_CAPABILITY_DOWNGRADE production']);
  });

  it('votes the fourth quickstart validator in without findings', () => {
    const { plan, found } = guardsOf(() => {}, 'quickstart');
    expect(found).toEqual([]);
    const payments = plan.quorum[0]!;
    expect(payments.action).toBe('vote');
    expect(payments.votes!.steps.map((s) => [s.action, s.before.n, s.after.n, s.before.f, s.after.f])).toEqual([
      ['add', 3, 4, 0, 1],
    ]);
  });

  it('blocks several validator changes at once and a set without fault tolerance', () => {
    const state = mkdtempSync(join(tmpdir(), 'netspec-quorum-state-'));
    mkdirSync(join(state, 'quorum'));
    const live = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222'];
    writeFileSync(join(state, 'quorum/payments.json'), JSON.stringify({ validators: live, blockNumber: 7 }));
    const { found } = guardsOf(
      (loaded) => {
        loaded.model.quorum[0]!.validators.splice(2, 2);
      },
      'quickstart',
      state,
    );
    expect(found).toEqual([
      'error NS_GUARD_QUORUM_MULTIPLE_CHANGES payments',
      'error NS_GUARD_QUORUM_TOO_FEW_VALIDATORS payments',
      'error NS_GUARD_QUORUM_NO_FAULT_TOLERANCE payments',
    ]);
  });
});
