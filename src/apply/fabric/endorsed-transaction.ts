// An endorsed proposal turned into the transaction the orderer orders, as Fabric's protoutil.CreateSignedTx does:
// Envelope{Payload{proposal's Header, Transaction{[TransactionAction{signature header, ChaincodeActionPayload{
// proposal payload, ChaincodeEndorsedAction{proposal response payload, endorsements}}}]}}} signed by the
// proposal's creator. Every endorser must have produced the same ProposalResponsePayload bytes (the same
// simulation result); those bytes are carried over untouched because the endorsements sign them.
import type { ProtoMessage } from '../../compiler/fabric/index.js';
import type { SigningIdentity } from '../../governance/index.js';
import type { Proposal } from './proposals.js';
import { mustDecode, mustEncode, signPayload } from './signed-envelopes.js';

export interface Endorsed {
  /** Who endorsed, `org/node`, for messages. */
  from: string;
  /** The decoded protos.ProposalResponse. */
  response: ProtoMessage;
}

export function endorsedTransaction(
  identity: SigningIdentity,
  proposal: Proposal,
  endorsed: readonly Endorsed[],
): { envelope: Uint8Array } | { error: string } {
  if (endorsed.length === 0) return { error: 'no endorsement' };
  const payloads = endorsed.map((e) => (e.response.payload as Uint8Array | undefined) ?? new Uint8Array());
  const first = Buffer.from(payloads[0]!);
  const differing = endorsed.filter((_, index) => !first.equals(Buffer.from(payloads[index]!)));
  if (differing.length > 0)
    return {
      error: `the peers' simulation results differ (${endorsed[0]!.from} vs ${differing.map((e) => e.from).join(', ')}): their ledgers disagree, try again`,
    };
  const endorsements = endorsed.map((e) => e.response.endorsement as ProtoMessage | null | undefined);
  const missing = endorsed.filter((_, index) => !endorsements[index]?.signature);
  if (missing.length > 0) return { error: `no endorsement signature from ${missing.map((e) => e.from).join(', ')}` };

  const header = mustDecode('common.Header', proposal.header);
  const actionPayload = mustEncode('protos.ChaincodeActionPayload', {
    // The proposal payload as sent: it carries no transient map, which is what Fabric strips before ordering.
    chaincode_proposal_payload: proposal.payload,
    action: { proposal_response_payload: first, endorsements: endorsements as ProtoMessage[] },
  });
  const transaction = mustEncode('protos.Transaction', {
    actions: [{ header: header.signature_header as Uint8Array, payload: actionPayload }],
  });
  const envelope = signPayload(
    identity,
    {
      channelHeader: header.channel_header as Uint8Array,
      signatureHeader: header.signature_header as Uint8Array,
      txId: proposal.txId,
    },
    transaction,
  );
  return { envelope };
}
