// Each organization joins its own peers, with its own identity: a peer accepts cscc JoinChain only from an admin
// of its local MSP, so no other organization can do it. Whether the channel exists is learnt the way any member
// may learn it, over Deliver with the org's own identity (/Channel/Readers), never through the orderer's admin
// API, whose mutual TLS trusts only the ordering organization's TLS CA. A new channel is joined with the bundle's
// genesis block once an orderer delivers that very block; a channel the org was just added to, with block 0 as an
// orderer delivers it (`peer channel fetch 0` then `peer channel join`).
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import type { ChannelModel } from '../../compiler/model/network-model.js';
import type { ApplyContext, ApplyStep, StepOutcome } from './apply-steps.js';
import { failureCode } from './failure-code.js';
import { DeliverRefusedError, fetchBlock, statusName } from './fetch-config-block.js';
import { messageOf } from './fetch-state.js';
import { NodeConnection } from './grpc-connection.js';
import { ordererEndpoints, peerEndpoints } from './node-endpoints.js';
import { joinChain, joinedChannels } from './proposals.js';

const STATUS_FORBIDDEN = 403;

/** What the channel's orderers say about its block 0 to this identity. */
export type GenesisAnswer =
  | { served: true; block: Uint8Array; from: string }
  | { served: false; reason: 'absent' | 'refused' | 'unreachable'; detail: string };

/** Block 0 of the channel from the first of its orderers that delivers it to `input.identity`. */
export async function deliveredGenesis(input: ApplyContext, channel: ChannelModel): Promise<GenesisAnswer> {
  const orderers = ordererEndpoints(input.model, channel.orderer.organizations);
  let answer: GenesisAnswer = {
    served: false,
    reason: 'unreachable',
    detail: `no orderer of ${channel.name} in the spec`,
  };
  for (const endpoint of orderers) {
    const connection = new NodeConnection(endpoint, input.connection);
    try {
      const block = await fetchBlock(connection, input.identity.signer, channel.name, 0n);
      return { served: true, block, from: endpoint.ref };
    } catch (error) {
      // An orderer that has not joined yet answers NOT_FOUND; another of the channel may serve it already.
      if (error instanceof DeliverRefusedError)
        answer = {
          served: false,
          reason: error.status === STATUS_FORBIDDEN ? 'refused' : 'absent',
          detail: `${endpoint.ref} answered Deliver with ${statusName(error.status)}`,
        };
      else if (answer.reason === 'unreachable')
        answer = { served: false, reason: 'unreachable', detail: messageOf(error) };
    } finally {
      connection.close();
    }
  }
  return answer;
}

/**
 * Joins the acting org's peers to `channel` when the org is one of its members. `bundleGenesis` is the new
 * channel's block from the bundle (the orderer must serve exactly that block); without it, block 0 as delivered.
 * Returns the JoinChain transaction ids and whether every peer is (now) joined.
 */
export async function joinOwnPeers(
  input: ApplyContext,
  channel: ChannelModel,
  bundleGenesis: Uint8Array | undefined,
  record: (step: ApplyStep) => void,
): Promise<{ txIds: string[]; ok: boolean; applied: boolean }> {
  const org = input.identity.organization.name;
  const result = { txIds: [] as string[], ok: true, applied: false };
  if (!channel.members.includes(org)) return result;
  const peers = peerEndpoints(input.model, org);
  if (peers.length === 0) return result;
  const step = (target: string, outcome: StepOutcome, detail: string, code?: DiagnosticCode) =>
    record({ channel: channel.name, action: 'join-peer', target, outcome, detail, ...(code ? { code } : {}) });

  const genesis = await deliveredGenesis(input, channel);
  if (!genesis.served) {
    const why =
      genesis.reason === 'absent'
        ? `no orderer serves ${channel.name} yet (${genesis.detail}): ` +
          `${channel.orderer.organizations.join(', ')} joins its orderers first; run again after`
        : genesis.reason === 'refused'
          ? `the orderers do not let ${input.identity.signer.mspId} read ${channel.name} yet (${genesis.detail}): ` +
            'the update that makes it a member must be applied first; run again after'
          : `cannot tell whether ${channel.name} exists: ${genesis.detail}`;
    for (const peer of peers)
      if (genesis.reason === 'unreachable') step(peer.ref, 'failed', why, 'NS_APPLY_UNREACHABLE');
      else step(peer.ref, 'waiting', why);
    result.ok = genesis.reason !== 'unreachable';
    return result;
  }
  if (bundleGenesis && !Buffer.from(genesis.block).equals(Buffer.from(bundleGenesis))) {
    for (const peer of peers)
      step(
        peer.ref,
        'failed',
        `${genesis.from} serves a ${channel.name} whose block 0 is not this bundle's genesis block: not joined`,
        'NS_APPLY_WRONG_GENESIS',
      );
    result.ok = false;
    return result;
  }
  for (const endpoint of peers) {
    const connection = new NodeConnection(endpoint, input.connection);
    try {
      if ((await joinedChannels(connection, input.identity.signer)).includes(channel.name))
        step(endpoint.ref, 'already', 'already joined');
      else {
        result.txIds.push(await joinChain(connection, input.identity.signer, genesis.block));
        result.applied = true;
        step(endpoint.ref, 'applied', `joined (cscc JoinChain) with block 0 of ${channel.name}`);
      }
    } catch (error) {
      result.ok = false;
      step(endpoint.ref, 'failed', messageOf(error), failureCode(error, 'NS_APPLY_PEER_REFUSED'));
    } finally {
      connection.close();
    }
  }
  return result;
}

/**
 * The part of other organizations, which this identity can neither do nor check (a peer lists its channels only
 * to its own org's admins): reported so that nobody takes the channel for ready.
 */
export function othersJoinPeers(
  input: ApplyContext,
  channel: ChannelModel,
  organizations: readonly string[],
  record: (step: ApplyStep) => void,
): void {
  for (const org of organizations) {
    if (org === input.identity.organization.name) continue;
    for (const peer of peerEndpoints(input.model, org))
      record({
        channel: channel.name,
        action: 'join-peer',
        target: peer.ref,
        outcome: 'delegated',
        detail: `${org} joins its own peers, with its own identity: netspec apply --org ${org}`,
      });
  }
}

/** An org removed from a channel keeps its peers joined (and the ledger); only it can unjoin them. */
export function removedOrgsLeave(
  input: ApplyContext,
  channel: ChannelModel,
  removedMspIds: readonly string[],
  record: (step: ApplyStep) => void,
): void {
  for (const mspId of removedMspIds) {
    const org = input.model.organizations.find((o) => o.mspId === mspId);
    const name = org?.name ?? mspId;
    const detail =
      `${name} is no longer a member of ${channel.name}, but its peers stay joined and keep the ledger: ` +
      `${name} stops each and runs \`peer node unjoin -c ${channel.name}\``;
    const peers = org ? peerEndpoints(input.model, org.name) : [];
    for (const target of peers.length > 0 ? peers.map((p) => p.ref) : [`${name}/*`])
      record({ channel: channel.name, action: 'unjoin-peer', target, outcome: 'delegated', detail });
  }
}
