import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../../src/compiler/model/spec.js';
import { egressCidrsDeclared } from '../../../../src/compiler/validate/rules/egress-cidrs-declared.js';
import { at, expectDiagnostics, runRule } from '../../../helpers/expect-diagnostics.js';
import { repoRoot } from '../../../helpers/run-cli.js';
import { specYaml } from './_base-spec.js';

/** The base spec with each organization placed in the given kubeconfig context (and CIDRs, when given). */
function placed(contexts: Record<string, string | undefined>, cidrs: Record<string, string[]> = {}) {
  return (spec: NetworkSpec) => {
    for (const [name, context] of Object.entries(contexts))
      spec.organizations[name]!.kubernetes = {
        ...(context ? { context } : {}),
        ...(cidrs[name] ? { egressCidrs: cidrs[name] } : {}),
      };
  };
}

describe('egressCidrsDeclared', () => {
  it('warns, at its kubernetes key, an org in another cluster than orgs whose nodes it dials, naming them', () => {
    // org2 runs apart from ops and org1: it dials org1's peers and Besu nodes and ops' orderers, and org1 dials
    // org2's. ops' orderers dial no other org's nodes, so nobody needs its CIDRs.
    const yaml = specYaml(placed({ ops: 'eu', org1: 'eu', org2: 'us' }));
    expectDiagnostics(egressCidrsDeclared, yaml, [
      {
        at: at(yaml, 'kubernetes:', 2),
        severity: 'warning',
        code: 'NS_EGRESS_CIDRS_MISSING',
        message:
          "organization 'org1' runs in cluster context 'eu', apart from 'org2' whose nodes it dials, and declares " +
          'no egress CIDRs: its NetworkPolicies cannot name its traffic, so they admit any source to those ports',
      },
      {
        at: at(yaml, 'kubernetes:', 3),
        severity: 'warning',
        code: 'NS_EGRESS_CIDRS_MISSING',
        message: /^organization 'org2' runs in cluster context 'us', apart from 'ops', 'org1' whose nodes it dials/,
      },
    ]);
    const run = runRule(egressCidrsDeclared, yaml);
    expect(run.diagnostics[0]!.hint).toContain('kubernetes.egressCidrs');
  });

  it('follows who dials whom: members dial an orderer org apart from them, never the other way', () => {
    const yaml = specYaml(placed({ ops: 'us', org1: 'eu', org2: 'eu' }));
    // Without the Quorum network, org1 and org2 share only the channel, in one cluster.
    const fabricOnly = specYaml((spec) => {
      placed({ ops: 'us', org1: 'eu', org2: 'eu' })(spec);
      delete spec.quorum;
    });
    expect(runRule(egressCidrsDeclared, yaml).lines).toEqual([
      `${at(yaml, 'kubernetes:', 2)} warning NS_EGRESS_CIDRS_MISSING`,
      `${at(yaml, 'kubernetes:', 3)} warning NS_EGRESS_CIDRS_MISSING`,
    ]);
    expect(runRule(egressCidrsDeclared, fabricOnly).diagnostics.map((d) => d.message.split(' runs')[0])).toEqual([
      "organization 'org1'",
      "organization 'org2'",
    ]);
  });

  it('does not warn an org that declares its egress CIDRs', () => {
    const yaml = specYaml(
      placed({ ops: 'eu', org1: 'eu', org2: 'us' }, { org1: ['203.0.113.0/28'], org2: ['198.51.100.0/24'] }),
    );
    expectDiagnostics(egressCidrsDeclared, yaml, []);
  });

  it('does not warn orgs of one cluster, named by one context or none', () => {
    expectDiagnostics(egressCidrsDeclared, specYaml(placed({ ops: 'eu', org1: 'eu', org2: 'eu' })), []);
    expectDiagnostics(egressCidrsDeclared, specYaml(placed({ ops: undefined, org1: undefined, org2: undefined })), []);
  });

  it('does not warn an org in another cluster that dials no node of the others', () => {
    const yaml = specYaml((spec) => {
      placed({ ops: 'eu', org1: 'eu', org2: 'eu' })(spec);
      spec.organizations.org3 = {
        mspId: 'Org3MSP',
        domain: 'org3.example.com',
        roles: ['participant'],
        msp: { directory: 'crypto/org3/msp' },
        peers: [{ name: 'peer0' }],
        kubernetes: { context: 'ap' },
      };
    });
    expectDiagnostics(egressCidrsDeclared, yaml, []);
  });

  it('does not warn where netspec emits no NetworkPolicy, or the org has no kubernetes: to declare CIDRs in', () => {
    const off = specYaml((spec) => {
      placed({ ops: 'eu', org1: 'eu', org2: 'us' })(spec);
      spec.kubernetes = { enabled: false };
    });
    expectDiagnostics(egressCidrsDeclared, off, []);
    // org2 runs its nodes its own way: org1 and ops admit it from anywhere, and it has no placement to fix.
    const unplaced = specYaml(placed({ ops: 'eu', org1: 'eu' }));
    expectDiagnostics(egressCidrsDeclared, unplaced, []);
  });

  it('finds nothing in the example networks', () => {
    for (const name of readdirSync(join(repoRoot, 'networks'))) {
      const yaml = readFileSync(join(repoRoot, 'networks', name, 'network.yaml'), 'utf8');
      expect(runRule(egressCidrsDeclared, yaml).lines, name).toEqual([]);
    }
  });
});
