// The endorsed transaction as the orderer and the committer read it: decoded back layer by layer, the endorsed
// ProposalResponsePayload bytes carried untouched, the creator's envelope signature verifying; disagreeing or
// unsigned endorsements refused. And LifecycleEndorsement evaluation by org sets.
import { describe, expect, it } from 'vitest';
import { endorsedTransaction, makeProposal, mustDecode, mustEncode } from '../../../src/apply/fabric/index.js';
import type { ProtoMessage } from '../../../src/compiler/fabric/index.js';
import { verifyFabricSignature } from '../../../src/governance/index.js';
import { type Requirement, satisfiedByOrganizations as satisfiedBy } from '../../../src/policy/index.js';
import { adminSigner } from '../../governance/_fixtures.js';

const creator = adminSigner('manufacturer');
const response = (payload: Uint8Array, signature = new Uint8Array([1, 2, 3])): ProtoMessage => ({
  response: { status: 200 },
  payload,
  endorsement: { endorser: new Uint8Array([9]), signature },
});

describe('endorsedTransaction', () => {
  it('wraps the proposal and the endorsed bytes as protoutil.CreateSignedTx does, signed by the creator', () => {
    const proposal = makeProposal(creator.identity, 'production', '_lifecycle', ['CommitChaincodeDefinition', 'x']);
    const prp = mustEncode('protos.ProposalResponsePayload', { proposal_hash: new Uint8Array(32).fill(7) });
    const built = endorsedTransaction(creator.identity, proposal, [
      { from: 'a/peer0', response: response(prp) },
      { from: 'b/peer0', response: response(prp, new Uint8Array([4])) },
    ]);
    if ('error' in built) throw new Error(built.error);
    const envelope = mustDecode('common.Envelope', built.envelope);
    const check = verifyFabricSignature(
      envelope.payload as Uint8Array,
      envelope.signature as Uint8Array,
      creator.certificate.publicKey,
    );
    expect(check.ok).toBe(true);
    const payload = mustDecode('common.Payload', envelope.payload as Uint8Array);
    const header = mustDecode('common.Header', proposal.header);
    expect(
      Buffer.from(mustEncode('common.Header', payload.header as ProtoMessage)).equals(Buffer.from(proposal.header)),
    ).toBe(true);
    const actions = mustDecode('protos.Transaction', payload.data as Uint8Array).actions as ProtoMessage[];
    expect(actions).toHaveLength(1);
    expect(
      Buffer.from(actions[0]!.header as Uint8Array).equals(Buffer.from(header.signature_header as Uint8Array)),
    ).toBe(true);
    const action = mustDecode('protos.ChaincodeActionPayload', actions[0]!.payload as Uint8Array);
    expect(Buffer.from(action.chaincode_proposal_payload as Uint8Array).equals(Buffer.from(proposal.payload))).toBe(
      true,
    );
    const endorsed = action.action as ProtoMessage;
    expect(Buffer.from(endorsed.proposal_response_payload as Uint8Array).equals(Buffer.from(prp))).toBe(true);
    expect((endorsed.endorsements as ProtoMessage[]).map((e) => [...(e.signature as Uint8Array)])).toEqual([
      [1, 2, 3],
      [4],
    ]);
  });

  it('refuses endorsements of different simulation results, or without a signature', () => {
    const proposal = makeProposal(creator.identity, 'production', '_lifecycle', ['CommitChaincodeDefinition']);
    const one = mustEncode('protos.ProposalResponsePayload', { proposal_hash: new Uint8Array([1]) });
    const two = mustEncode('protos.ProposalResponsePayload', { proposal_hash: new Uint8Array([2]) });
    expect(
      endorsedTransaction(creator.identity, proposal, [
        { from: 'a/peer0', response: response(one) },
        { from: 'b/peer0', response: response(two) },
      ]),
    ).toEqual({ error: expect.stringMatching(/simulation results differ \(a\/peer0 vs b\/peer0\)/) });
    expect(
      endorsedTransaction(creator.identity, proposal, [
        { from: 'a/peer0', response: { ...response(one), endorsement: null } },
      ]),
    ).toEqual({ error: 'no endorsement signature from a/peer0' });
    expect(endorsedTransaction(creator.identity, proposal, [])).toEqual({ error: 'no endorsement' });
  });
});

describe('satisfiedBy (LifecycleEndorsement)', () => {
  const org = (mspId: string): Requirement => ({
    kind: 'signature',
    path: `/Channel/Application/${mspId}/Endorsement`,
    rule: { kind: 'nOutOf', n: 1, rules: [{ kind: 'signedBy', principal: { mspId, role: 'PEER' } }] },
  });
  const majority: Requirement = {
    kind: 'implicitMeta',
    path: '/Channel/Application/LifecycleEndorsement',
    rule: 'MAJORITY',
    subPolicy: 'Endorsement',
    threshold: 2,
    of: [org('A'), org('B'), org('C')],
  };
  it('counts each org once per principal of its MSP against the threshold', () => {
    expect(satisfiedBy(majority, new Set(['A']))).toBe(false);
    expect(satisfiedBy(majority, new Set(['A', 'C']))).toBe(true);
    expect(satisfiedBy(majority, new Set(['D', 'E']))).toBe(false);
    expect(satisfiedBy({ kind: 'missing', path: 'x' }, new Set(['A']))).toBe(false);
  });
});
