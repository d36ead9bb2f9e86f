import { describe, it } from 'vitest';
import { uniqueNodeNames } from '../../../../src/compiler/validate/rules/unique-node-names.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('uniqueNodeNames', () => {
  it('accepts the same node name in different organizations', () => {
    // org1 and org2 both have a peer0.
    expectDiagnostics(uniqueNodeNames, specYaml(), []);
  });

  it('reports a peer and an orderer sharing a name within one organization', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.peers = [{ name: 'orderer1' }];
    });
    expectDiagnostics(uniqueNodeNames, yaml, [
      {
        at: at(yaml, 'orderer1', 2),
        code: 'NS_DUPLICATE_NAME',
        message: "organization 'ops' has two nodes named 'orderer1' (an orderer and a peer)",
        related: [at(yaml, 'orderer1', 1)],
      },
    ]);
  });

  it('reports two peers with one name', () => {
    const yaml = specYaml((s) => {
      s.organizations.org1!.peers![1]!.name = 'peer0';
    });
    expectDiagnostics(uniqueNodeNames, yaml, [
      { at: at(yaml, 'peer0', 2), code: 'NS_DUPLICATE_NAME', related: [at(yaml, 'peer0')] },
    ]);
  });
});
