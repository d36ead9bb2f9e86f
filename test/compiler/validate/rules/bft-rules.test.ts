// The Fabric 3 rules: BFT consenter count and identities, leader rotation, the derived BlockValidation policy,
// the V3_0 capability and the node versions it needs, per-organization orderer endpoints, SmartBFT units.
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../../src/compiler/model/spec.js';
import { bftBlockValidationPolicy } from '../../../../src/compiler/validate/rules/bft-block-validation-policy.js';
import { bftCapability } from '../../../../src/compiler/validate/rules/bft-capability.js';
import { bftConsenterCount } from '../../../../src/compiler/validate/rules/bft-consenter-count.js';
import { bftConsenterIdentity } from '../../../../src/compiler/validate/rules/bft-consenter-identity.js';
import { bftLeaderRotation } from '../../../../src/compiler/validate/rules/bft-leader-rotation.js';
import { bftOptionsValid } from '../../../../src/compiler/validate/rules/bft-options-valid.js';
import { SPECIFIED_RULES } from '../../../../src/compiler/validate/rules/specified-rules.js';
import { v3NodeVersion } from '../../../../src/compiler/validate/rules/v3-node-version.js';
import { v3OrdererEndpoints } from '../../../../src/compiler/validate/rules/v3-orderer-endpoints.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

/** The base spec with channel `trade` ordered by four BFT consenters on Fabric 3.1, then `edit`. */
function bftYaml(edit: (spec: NetworkSpec) => void = () => {}): string {
  return specYaml((s) => {
    s.fabricVersion = '3.1';
    s.organizations.ops!.orderers = [0, 1, 2, 3].map((i) => ({
      name: `orderer${i}`,
      consenterId: i + 1,
      identityCert: `crypto/ops/orderers/orderer${i}/msp/signcerts/cert.pem`,
    }));
    const channel = s.channels!.trade!;
    channel.orderer = {
      type: 'BFT',
      organizations: ['ops'],
      consenters: ['ops/orderer0', 'ops/orderer1', 'ops/orderer2', 'ops/orderer3'],
    };
    delete channel.policies!.orderer;
    edit(s);
  });
}

describe('the BFT rules', () => {
  it('accept a four-consenter BFT channel on Fabric 3.1 (every rule but those reading files)', () => {
    const readsFiles = ['mspMaterialPresent', 'certificatesValid', 'consenterTlsCertsPresent'];
    for (const rule of SPECIFIED_RULES.filter((r) => !readsFiles.includes(r.name)))
      expectDiagnostics(rule, bftYaml(), []);
  });
});

describe('bftConsenterCount', () => {
  it('refuses 3 consenters, saying why', () => {
    const yaml = bftYaml((s) => {
      s.channels!.trade!.orderer.consenters.pop();
    });
    const run = expectDiagnostics(bftConsenterCount, yaml, [
      { at: at(yaml, '^- ops/orderer0'), code: 'NS_BFT_TOO_FEW_CONSENTERS', message: /3f\+1, so 3 tolerate none/ },
    ]);
    expect(run.diagnostics[0]!.hint).toMatch(/4 consenters/);
  });

  it('warns that 5 consenters tolerate no more than 4', () => {
    const yaml = bftYaml((s) => {
      s.organizations.ops!.orderers!.push({ name: 'orderer4', consenterId: 5, identityCert: 'x.pem' });
      s.channels!.trade!.orderer.consenters.push('ops/orderer4');
    });
    expectDiagnostics(bftConsenterCount, yaml, [
      {
        at: at(yaml, '^- ops/orderer0'),
        severity: 'warning',
        code: 'NS_BFT_CONSENTER_COUNT',
        message: /tolerate 1 faulty/,
      },
    ]);
  });

  it('leaves Raft channels to the Raft rule', () => {
    expectDiagnostics(bftConsenterCount, specYaml(), []);
  });
});

describe('bftLeaderRotation', () => {
  it('refuses leader rotation on, at the option', () => {
    const yaml = bftYaml((s) => {
      s.channels!.trade!.orderer.smartbft = { leaderRotation: 'on' };
    });
    expectDiagnostics(bftLeaderRotation, yaml, [
      { at: at(yaml, 'leaderRotation: ^on'), code: 'NS_BFT_LEADER_ROTATION', message: /Fabric 3 orderers refuse/ },
    ]);
  });

  it.each(['off', 'unspecified'] as const)('accepts %s', (rotation) => {
    expectDiagnostics(
      bftLeaderRotation,
      bftYaml((s) => {
        s.channels!.trade!.orderer.smartbft = { leaderRotation: rotation };
      }),
      [],
    );
  });
});

describe('bftConsenterIdentity', () => {
  it('refuses a consenter without consenterId or identityCert, pointing at the consenter and the node', () => {
    const yaml = bftYaml((s) => {
      const node = s.organizations.ops!.orderers![2]!;
      delete node.consenterId;
      delete node.identityCert;
    });
    const run = expectDiagnostics(bftConsenterIdentity, yaml, [
      {
        at: at(yaml, '- ^ops/orderer2'),
        code: 'NS_BFT_CONSENTER_IDENTITY',
        message: /'ops\/orderer2' has no consenterId and no identityCert/,
        related: [at(yaml, '^name: orderer2')],
      },
    ]);
    expect(run.diagnostics[0]!.hint).toMatch(/set consenterId and identityCert on orderer 'orderer2'/);
  });

  it('refuses two consenters with one id, at both', () => {
    const yaml = bftYaml((s) => {
      s.organizations.ops!.orderers![3]!.consenterId = 2;
    });
    expectDiagnostics(bftConsenterIdentity, yaml, [
      {
        at: at(yaml, 'consenterId: ^2', 2),
        code: 'NS_BFT_CONSENTER_IDENTITY',
        message: /two BFT consenters with consenterId 2/,
        related: [at(yaml, 'consenterId: ^2')],
      },
    ]);
  });
});

describe('bftBlockValidationPolicy', () => {
  it('refuses a hand-written BlockValidation policy on a BFT channel', () => {
    const yaml = bftYaml((s) => {
      s.channels!.trade!.policies!.orderer = { BlockValidation: "OR('OpsMSP.orderer')" };
    });
    expectDiagnostics(bftBlockValidationPolicy, yaml, [
      {
        at: at(yaml, '^BlockValidation'),
        code: 'NS_BFT_BLOCK_VALIDATION_POLICY',
        message: /derives from the consenter set/,
      },
    ]);
  });

  it('leaves a Raft channel its BlockValidation policy', () => {
    expectDiagnostics(bftBlockValidationPolicy, specYaml(), []);
  });
});

describe('bftCapability', () => {
  it('refuses BFT below V3_0', () => {
    const yaml = bftYaml((s) => {
      s.channels!.trade!.capabilities = { channel: 'V2_0' };
    });
    expectDiagnostics(bftCapability, yaml, [
      { at: at(yaml, 'channel: ^V2_0'), code: 'NS_BFT_CAPABILITY', message: /requires V3_0/ },
    ]);
  });
});

describe('v3NodeVersion', () => {
  it('refuses a BFT channel while the nodes run 2.5, at the orderer type', () => {
    const yaml = bftYaml((s) => {
      delete s.fabricVersion;
    });
    expectDiagnostics(v3NodeVersion, yaml, [
      { at: at(yaml, 'type: ^BFT'), code: 'NS_V3_NODE_VERSION', message: /the nodes run Fabric 2.5/ },
    ]);
  });

  it('refuses V3_0 written on a Raft channel with fabricVersion 2.5, at both', () => {
    const yaml = specYaml((s) => {
      s.fabricVersion = '2.5';
      s.channels!.trade!.capabilities = { channel: 'V3_0' };
    });
    expectDiagnostics(v3NodeVersion, yaml, [
      { at: at(yaml, 'channel: ^V3_0'), code: 'NS_V3_NODE_VERSION', related: [at(yaml, 'fabricVersion: ^')] },
    ]);
  });

  it('becomes a warning when allow names it', () => {
    const yaml = bftYaml((s) => {
      delete s.fabricVersion;
      s.allow = [{ code: 'NS_V3_NODE_VERSION', reason: 'every node checked on 3.1' }];
    });
    expectDiagnostics(v3NodeVersion, yaml, [
      { at: at(yaml, 'type: ^BFT'), severity: 'warning', code: 'NS_V3_NODE_VERSION', message: /allowed by the spec/ },
    ]);
  });
});

describe('v3OrdererEndpoints', () => {
  it('refuses an orderer organization without orderers on a V3_0 channel', () => {
    const yaml = bftYaml((s) => {
      s.organizations.org1!.roles = ['participant', 'operator'];
      s.channels!.trade!.orderer.organizations.push('org1');
    });
    expectDiagnostics(v3OrdererEndpoints, yaml, [
      { at: at(yaml, '- ^org1', 2), code: 'NS_V3_ORDERER_ENDPOINTS', message: /no global orderer addresses/ },
    ]);
  });
});

describe('bftOptionsValid', () => {
  it('refuses a SmartBFT duration that does not parse', () => {
    const yaml = bftYaml((s) => {
      s.channels!.trade!.orderer.smartbft = { viewChangeTimeout: '20 seconds', requestMaxBytes: '10 MB' };
    });
    expectDiagnostics(bftOptionsValid, yaml, [
      { at: at(yaml, 'viewChangeTimeout: ^20'), code: 'NS_DURATION_INVALID', message: /viewChangeTimeout/ },
    ]);
  });
});
