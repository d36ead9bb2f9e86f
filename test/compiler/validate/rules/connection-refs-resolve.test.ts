import { describe, it } from 'vitest';
import { connectionRefsResolve } from '../../../../src/compiler/validate/rules/connection-refs-resolve.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('connectionRefsResolve', () => {
  it('accepts identities of defined orgs and endpoints of defined nodes', () => {
    expectDiagnostics(connectionRefsResolve, specYaml(), []);
  });

  it('reports unknown identity orgs and endpoint nodes at their keys', () => {
    const yaml = specYaml((s) => {
      const connection = s.connection!;
      connection.identities!.org9 = { certificate: { secret: 'A' }, privateKey: { secret: 'B' } };
      connection.endpoints!['ops/orderer5'] = { url: 'grpcs://o5:443' };
      connection.endpoints!['nobody/peer0'] = { url: 'grpcs://x:443' };
    });
    expectDiagnostics(connectionRefsResolve, yaml, [
      { at: at(yaml, '    ^org9:'), code: 'NS_UNKNOWN_ORG', message: /identity 'org9'.*\(did you mean 'org1'\?\)/ },
      {
        at: at(yaml, 'ops/orderer5:'),
        code: 'NS_UNKNOWN_NODE',
        message: /no peer or orderer of organization 'ops' \(did you mean 'ops\/orderer0'\?\)/,
      },
      {
        at: at(yaml, 'nobody/peer0:'),
        code: 'NS_UNKNOWN_NODE',
        message: /organization 'nobody', which is not defined/,
      },
    ]);
  });
});
