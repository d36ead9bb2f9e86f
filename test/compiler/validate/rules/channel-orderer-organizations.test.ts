import { describe, it } from 'vitest';
import { channelOrdererOrganizations } from '../../../../src/compiler/validate/rules/channel-orderer-organizations.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('channelOrdererOrganizations', () => {
  it('accepts an operator organization', () => {
    expectDiagnostics(channelOrdererOrganizations, specYaml(), []);
  });

  it('reports an undefined orderer organization', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.organizations = ['opss'];
    });
    expectDiagnostics(channelOrdererOrganizations, yaml, [
      {
        at: at(yaml, '- ^opss'),
        code: 'NS_UNKNOWN_ORG',
        message: /no organization 'opss' is defined \(did you mean 'ops'\?\)/,
      },
    ]);
  });

  it('reports a participant used as orderer organization, pointing also at its roles', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.orderer.organizations = ['ops', 'org2'];
    });
    expectDiagnostics(channelOrdererOrganizations, yaml, [
      {
        at: at(yaml, '- ^org2', 2),
        code: 'NS_ROLE_MISMATCH',
        message: "channel 'trade' lists 'org2' as an orderer organization, but 'org2' does not have the role operator",
        related: [at(yaml, '^- participant', 2)],
      },
    ]);
  });
});
