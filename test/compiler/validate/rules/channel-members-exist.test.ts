import { describe, it } from 'vitest';
import { channelMembersExist } from '../../../../src/compiler/validate/rules/channel-members-exist.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('channelMembersExist', () => {
  it('accepts members that are defined organizations', () => {
    expectDiagnostics(channelMembersExist, specYaml(), []);
  });

  it('reports an unknown member with a did-you-mean', () => {
    const yaml = specYaml((s) => {
      s.organizations.caro1 = { ...s.organizations.org2!, mspId: 'CaroMSP' };
      s.channels!.trade!.members = ['org1', 'carol'];
    });
    expectDiagnostics(channelMembersExist, yaml, [
      {
        at: at(yaml, '- ^carol'),
        code: 'NS_UNKNOWN_ORG',
        message: "channel 'trade' lists member 'carol', but no organization 'carol' is defined (did you mean 'caro1'?)",
      },
    ]);
  });

  it('points at literal positions in a hand-written spec', () => {
    const yaml = ['organizations:', '  caro1: {}', 'channels:', '  trade:', '    members: [caro1, carol]', ''].join(
      '\n',
    );
    expectDiagnostics(channelMembersExist, yaml, ['5:22 error NS_UNKNOWN_ORG']);
  });

  it('reports a member listed twice', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.members.push('org1');
    });
    expectDiagnostics(channelMembersExist, yaml, [
      { at: at(yaml, '- ^org1', 2), code: 'NS_DUPLICATE_NAME', related: [at(yaml, '- ^org1', 1)] },
    ]);
  });
});
