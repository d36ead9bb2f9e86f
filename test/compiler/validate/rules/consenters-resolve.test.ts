import { describe, it } from 'vitest';
import { consentersResolve } from '../../../../src/compiler/validate/rules/consenters-resolve.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('consentersResolve', () => {
  it('accepts orderers of the orderer organizations', () => {
    expectDiagnostics(consentersResolve, specYaml(), []);
  });

  it('reports a consenter that names no orderer, a malformed one and one outside the orderer orgs', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = ['ops/orderer0', 'ops/orderer7', 'orderer1', 'org1/peer0'];
    });
    expectDiagnostics(consentersResolve, yaml, [
      {
        at: at(yaml, '^ops/orderer7'),
        code: 'NS_UNKNOWN_NODE',
        message:
          "channel 'trade' lists consenter 'ops/orderer7', but organization 'ops' has no orderer 'orderer7' (did you mean 'ops/orderer0'?)",
      },
      { at: at(yaml, '- ^orderer1'), code: 'NS_UNKNOWN_NODE', message: /not of the form <organization>\/<orderer>/ },
      {
        at: at(yaml, '- ^org1/peer0'),
        code: 'NS_UNKNOWN_NODE',
        message: /'org1' is not one of its orderer organizations \(ops\)/,
      },
    ]);
  });

  it('reports a consenter listed twice', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.consenters = ['ops/orderer0', 'ops/orderer1', 'ops/orderer0'];
    });
    expectDiagnostics(consentersResolve, yaml, [
      { at: at(yaml, '- ^ops/orderer0', 2), code: 'NS_DUPLICATE_NAME', related: [at(yaml, '- ^ops/orderer0', 1)] },
    ]);
  });
});
