import { describe, it } from 'vitest';
import { anchorPeersResolve } from '../../../../src/compiler/validate/rules/anchor-peers-resolve.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

describe('anchorPeersResolve', () => {
  it('accepts a peer of a member organization', () => {
    expectDiagnostics(anchorPeersResolve, specYaml(), []);
  });

  it('reports an unknown peer, a non-member org and a malformed reference', () => {
    const yaml = specYaml((s) => {
      s.channels!.trade!.members = ['org1'];
      s.channels!.trade!.anchorPeers = ['org1/peer3', 'org2/peer0', 'peer0'];
    });
    expectDiagnostics(anchorPeersResolve, yaml, [
      {
        at: at(yaml, '- ^org1/peer3'),
        code: 'NS_UNKNOWN_NODE',
        message:
          "channel 'trade' lists anchor peer 'org1/peer3', but organization 'org1' has no peer 'peer3' (did you mean 'org1/peer0'?)",
      },
      { at: at(yaml, '- ^org2/peer0'), code: 'NS_UNKNOWN_NODE', message: /'org2' is not a member of the channel/ },
      { at: at(yaml, '- ^peer0'), code: 'NS_UNKNOWN_NODE', message: /not of the form/ },
    ]);
  });
});
