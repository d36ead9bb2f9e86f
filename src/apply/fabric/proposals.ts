// Endorser proposals as the peer CLI makes them (protoutil.CreateChaincodeProposal + GetSignedProposal): a
// chaincode invocation of a system chaincode (`_lifecycle`, `cscc`) with its arguments, signed by the caller.
// The peer answers with a ProposalResponse; a status other than 200 is the peer's refusal, with its message.
import { lengthDelimitedFields, type ProtoMessage } from '../../compiler/fabric/index.js';
import type { SigningIdentity } from '../../governance/index.js';
import { signLowS } from '../../governance/index.js';
import type { NodeConnection } from './grpc-connection.js';
import { HeaderType, makeHeader, mustDecode, mustEncode } from './signed-envelopes.js';

const GOLANG = 1;

export interface Proposal {
  txId: string;
  /** Marshalled common.Header: the transaction reuses it. */
  header: Uint8Array;
  /** Marshalled ChaincodeProposalPayload. */
  payload: Uint8Array;
  signed: Uint8Array;
}

export function makeProposal(
  identity: SigningIdentity,
  channel: string,
  chaincode: string,
  args: readonly (string | Uint8Array)[],
): Proposal {
  const extension = mustEncode('protos.ChaincodeHeaderExtension', { chaincode_id: { name: chaincode } });
  const signedHeader = makeHeader(identity, HeaderType.ENDORSER_TRANSACTION, channel, { extension });
  const header = mustEncode('common.Header', {
    channel_header: signedHeader.channelHeader,
    signature_header: signedHeader.signatureHeader,
  });
  const invocation = mustEncode('protos.ChaincodeInvocationSpec', {
    chaincode_spec: {
      type: GOLANG,
      chaincode_id: { name: chaincode },
      input: { args: args.map((arg) => (typeof arg === 'string' ? new TextEncoder().encode(arg) : arg)) },
    },
  });
  const payload = mustEncode('protos.ChaincodeProposalPayload', { input: invocation });
  const proposalBytes = mustEncode('protos.Proposal', { header, payload });
  const signed = mustEncode('protos.SignedProposal', {
    proposal_bytes: proposalBytes,
    signature: signLowS(proposalBytes, identity.privateKey),
  });
  return { txId: signedHeader.txId, header, payload, signed };
}

/** The peer refused the proposal (status >= 400), with the message it gave. */
export class ProposalRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly peerMessage: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends the proposal and returns the response payload of a successful answer, and the whole response. */
export async function endorse(
  connection: NodeConnection,
  proposal: Proposal,
  what: string,
): Promise<{ payload: Uint8Array; response: ProtoMessage }> {
  const { response } = await connection.processProposal(proposal.signed);
  const answer = (response.response ?? {}) as ProtoMessage;
  const status = Number(answer.status ?? 0);
  const message = String(answer.message ?? '');
  if (status < 200 || status >= 400)
    throw new ProposalRefusedError(
      status,
      message,
      `${what}: ${connection.endpoint.ref} refused (status ${status}: ${message})`,
    );
  return { payload: (answer.payload as Uint8Array | undefined) ?? new Uint8Array(), response };
}

/** `_lifecycle` QueryChaincodeDefinitions: the channel's committed definitions, decoded. */
export async function queryCommittedDefinitions(
  connection: NodeConnection,
  identity: SigningIdentity,
  channel: string,
): Promise<ProtoMessage> {
  const args = mustEncode('lifecycle.QueryChaincodeDefinitionsArgs', {});
  const proposal = makeProposal(identity, channel, '_lifecycle', ['QueryChaincodeDefinitions', args]);
  const { payload } = await endorse(connection, proposal, `QueryChaincodeDefinitions on ${channel}`);
  return mustDecode('lifecycle.QueryChaincodeDefinitionsResult', payload);
}

/** `cscc` JoinChain with the channel's genesis block (`peer channel join`). The proposal has no channel. */
export async function joinChain(
  connection: NodeConnection,
  identity: SigningIdentity,
  block: Uint8Array,
): Promise<string> {
  const proposal = makeProposal(identity, '', 'cscc', ['JoinChain', block]);
  await endorse(connection, proposal, 'JoinChain');
  return proposal.txId;
}

/** `cscc` GetChannels: the channels the peer has joined (`peer channel list`). */
export async function joinedChannels(connection: NodeConnection, identity: SigningIdentity): Promise<string[]> {
  const proposal = makeProposal(identity, '', 'cscc', ['GetChannels']);
  const { payload } = await endorse(connection, proposal, 'GetChannels');
  return readChannelQueryResponse(payload);
}

/**
 * protos.ChannelQueryResponse{repeated ChannelInfo channels = 1} with ChannelInfo{string channel_id = 1}: read by
 * hand because peer/query.proto is not part of the codec's descriptor.
 */
function readChannelQueryResponse(bytes: Uint8Array): string[] {
  const channels: string[] = [];
  for (const info of lengthDelimitedFields(bytes, 1) ?? [])
    for (const id of lengthDelimitedFields(info, 1) ?? []) channels.push(new TextDecoder().decode(id));
  return channels;
}
