import { describe, it } from 'vitest';
import { policiesValid } from '../../../../src/compiler/validate/rules/policies-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('policiesValid', () => {
  it('accepts policies that parse and name member MSPs', () => {
    expectDiagnostics(policiesValid, specYaml(), []);
  });

  it('reports a policy that does not parse, at the value, with the character', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.policies!.application!.Endorsement = "OutOf(3, 'Org1MSP.peer', 'Org2MSP.peer')";
    });
    expectDiagnostics(policiesValid, yaml, [
      {
        at: at(yaml, 'Endorsement: ^OutOf'),
        code: 'NS_POLICY_SYNTAX',
        message:
          "channel 'trade' application policy 'Endorsement' does not parse: OutOf(3, ...) lists 2 rules: the count must be 1..2 (at character 7)",
      },
    ]);
  });

  it('reports an MSP outside the channel members in an application policy and a chaincode policy', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.members = ['org1'];
      s.channels!.trade!.policies!.application!.Endorsement = "OR('Org1MSP.peer', 'Org3MSP.peer')";
    });
    expectDiagnostics(policiesValid, yaml, [
      {
        at: at(yaml, "Endorsement: ^OR('Org1MSP.peer', 'Org3MSP.peer')"),
        code: 'NS_POLICY_UNKNOWN_MSP',
        message:
          "channel 'trade' application policy 'Endorsement' names MSP 'Org3MSP', which no organization has; only the MSPs of channel 'trade' members can sign here (did you mean 'Org1MSP'?)",
      },
      {
        at: at(yaml, "endorsementPolicy: ^AND('Org1MSP.peer', 'Org2MSP.peer')"),
        code: 'NS_POLICY_UNKNOWN_MSP',
        message: /chaincode 'basic' endorsement policy names MSP 'Org2MSP' \(the MSP of organization 'org2'\)/,
      },
    ]);
  });

  it('scopes orderer policies to orderer orgs and org policies to the org itself', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.policies!.orderer!.BlockValidation = "OR('Org1MSP.peer')";
      s.channels!.trade!.policies!.channel!.Writers = "OR('OpsMSP.orderer', 'Org2MSP.member')";
      s.organizations.org1!.policies!.Admins = "OR('Org2MSP.admin')";
    });
    expectDiagnostics(policiesValid, yaml, [
      {
        at: at(yaml, "Admins: ^OR('Org2MSP.admin')"),
        code: 'NS_POLICY_UNKNOWN_MSP',
        message: /only its own MSP can sign here/,
      },
      {
        at: at(yaml, "BlockValidation: ^OR('Org1MSP.peer')"),
        code: 'NS_POLICY_UNKNOWN_MSP',
        message: /orderer organizations can sign/,
      },
    ]);
  });

  it('refuses an implicit-meta collection member policy, and accepts implicit-meta elsewhere', () => {
    const yaml = specYaml((s) => {
      s.chaincodes![0]!.endorsementPolicy = 'MAJORITY Endorsement';
      s.chaincodes![0]!.collections![0]!.policy = 'ANY Readers';
    });
    expectDiagnostics(policiesValid, yaml, [
      { at: at(yaml, 'policy: ^ANY Readers'), code: 'NS_POLICY_KIND', message: /must be a signature policy/ },
    ]);
  });

  it('checks only syntax for a chaincode on an unknown channel', () => {
    const yaml = specYaml((s) => {
      s.chaincodes![0]!.channel = 'nowhere';
      s.chaincodes![0]!.endorsementPolicy = "AND('NobodyMSP.peer')";
    });
    expectDiagnostics(policiesValid, yaml, []);
  });
});
