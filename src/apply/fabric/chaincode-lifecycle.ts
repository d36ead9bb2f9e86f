// `netspec apply <bundle> --org <org>` for the bundle's chaincode definitions: Fabric's lifecycle, run by each
// org with its own identity (in its own CI):
//  - install: the org's CCaaS package on each of its peers, unless already there (install-package.ts);
//  - approve: the org's peer endorses `_lifecycle` ApproveChaincodeDefinitionForMyOrg (source: the org's CCaaS
//    package id, or "unavailable" for a chaincode without a server), and the endorsed transaction is broadcast;
//  - commit: once CheckCommitReadiness shows approvals that satisfy the channel's LifecycleEndorsement policy,
//    CommitChaincodeDefinition endorsed by the org's peer plus other orgs' peers until the same policy is met.
// Completion is read from the org's peer (readiness and the committed definition), not from the orderer's
// block: only the peer knows whether the ordered transaction was valid. Idempotent: an approval or a commit
// already on the ledger is reported as such and not sent again; a commit whose approvals are not there yet is
// reported as waiting (the other orgs run their own apply), which is not a failure.
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import { type ConfigJson, configBlockInfo, toJson } from '../../compiler/fabric/index.js';
import type { ChaincodeModel, ChannelModel, NetworkModel } from '../../compiler/model/network-model.js';
import type { ChaincodePlan, Plan } from '../../compiler/plan/index.js';
import { satisfiedByOrganizations } from '../../policy/index.js';
import { sleep } from '../retry.js';
import type { ApplyStep, StepOutcome } from './apply-steps.js';
import { ccaasPackage } from './ccaas-package.js';
import type { ClientIdentity } from './client-identity.js';
import { type Endorsed, endorsedTransaction } from './endorsed-transaction.js';
import { failureCode } from './failure-code.js';
import { fetchConfigBlock, statusName } from './fetch-config-block.js';
import { messageOf } from './fetch-state.js';
import { type ConnectionOptions, NodeConnection, NodeUnreachableError } from './grpc-connection.js';
import { installOnPeers } from './install-package.js';
import { lifecycleRequirement } from './lifecycle-endorsement.js';
import {
  approveProposal,
  type ChaincodeDefinition,
  chaincodeDefinition,
  checkCommitReadiness,
  commitProposal,
  queryCommittedDefinition,
} from './lifecycle-proposals.js';
import { type NodeEndpoint, ordererEndpoints, peerEndpoints } from './node-endpoints.js';
import type { Proposal } from './proposals.js';

const STATUS_SUCCESS = 200;

export interface ChaincodeLifecycleInput {
  plan: Plan;
  model: NetworkModel;
  identity: ClientIdentity;
  connection?: ConnectionOptions;
  /** How long to wait for an ordered approval or commit to show on the peer. Default 60 s. */
  commitTimeoutMs?: number;
  /** Between peer polls while waiting. Default 500 ms. */
  pollMs?: number;
}

/** Runs the acting org's part of every non-noop chaincode plan whose channel it is a member of. */
export async function applyChaincodeLifecycle(
  input: ChaincodeLifecycleInput,
  record: (step: ApplyStep) => void,
): Promise<void> {
  const org = input.identity.organization.name;
  for (const plan of input.plan.chaincodes) {
    if (plan.action === 'noop') continue;
    if (!plan.steps.some((step) => step.kind === 'approve' && step.organization === org)) continue;
    await applyOne(input, plan, record);
  }
}

async function applyOne(
  input: ChaincodeLifecycleInput,
  plan: ChaincodePlan,
  record: (step: ApplyStep) => void,
): Promise<void> {
  const { model } = input;
  const signer = input.identity.signer;
  const mspId = signer.mspId;
  const sequence = plan.desired.sequence;
  const step = (
    action: 'install' | 'approve' | 'commit',
    target: string,
    outcome: StepOutcome,
    detail: string,
    facts: Pick<ApplyStep, 'txId' | 'code'> = {},
  ) =>
    record({
      channel: plan.channel,
      action,
      target,
      outcome,
      detail: `${plan.name} (sequence ${sequence}): ${detail}`,
      ...facts,
      chaincode: { name: plan.name, sequence },
    });

  const channel = model.channels.find((c) => c.name === plan.channel);
  const chaincode = model.chaincodes.find((c) => c.channel === plan.channel && c.name === plan.name);
  const mismatch = !channel || !chaincode ? 'the spec no longer defines it' : specMismatch(plan, chaincode);
  if (mismatch) return step('approve', '-', 'failed', `${mismatch}: re-plan`, { code: 'NS_BUNDLE_OUTDATED' });
  const definition = chaincodeDefinition(chaincode!, channel!);
  if ('error' in definition)
    return step('approve', '-', 'failed', definition.error, { code: 'NS_FABRIC_PROTO_INVALID' });

  const peers = peerEndpoints(model, input.identity.organization.name);
  const own = await firstReachable(peers, input.connection, async (connection) => {
    const committed = await queryCommittedDefinition(connection, signer, plan.channel, plan.name);
    return { connection, committed };
  });
  if ('error' in own)
    return step('approve', peers.map((p) => p.ref).join(', ') || '-', 'failed', own.error, { code: own.code });
  const { connection: peer, committed } = own.value;
  try {
    if (committed && committed.sequence > sequence)
      return step(
        'approve',
        peer.endpoint.ref,
        'failed',
        `stale: the channel already has sequence ${committed.sequence}; re-plan`,
        { code: 'NS_BUNDLE_OUTDATED' },
      );
    // The package the approval names goes onto the org's peers first (only a chaincode with a server has one).
    const pkg = chaincode!.server ? ccaasPackage(model, input.identity.organization.name, chaincode!) : undefined;
    if (pkg)
      await installOnPeers(peers, input.identity, pkg, input.connection, (target, outcome, detail, facts) =>
        step('install', target, outcome, detail, facts),
      );
    // Once committed, CheckCommitReadiness no longer takes this sequence; the committed definition's approvals
    // say whether this org approved. An org may still approve a committed sequence (its peers need the approval
    // to run the chaincode), so a missing approval is made either way.
    const isCommitted = committed?.sequence === sequence;
    const approvals = async () =>
      isCommitted
        ? ((await queryCommittedDefinition(peer, signer, plan.channel, plan.name))?.approvals ?? {})
        : await checkCommitReadiness(peer, signer, plan.channel, definition.value);
    let readiness = isCommitted ? committed!.approvals : await approvals();
    if (readiness[mspId]) step('approve', peer.endpoint.ref, 'already', `${mspId} already approved this definition`);
    else {
      const proposal = approveProposal(signer, plan.channel, definition.value, pkg?.packageId);
      const endorsed = await endorseAt(peer, proposal, 'ApproveChaincodeDefinitionForMyOrg');
      if ('error' in endorsed)
        return step('approve', peer.endpoint.ref, 'failed', endorsed.error, { code: endorsed.code });
      const sent = await submit(input, channel!, proposal, [endorsed.value]);
      if ('error' in sent) return step('approve', peer.endpoint.ref, 'failed', sent.error, { code: sent.code });
      const shown = await waitFor(input, async () => {
        readiness = await approvals();
        return readiness[mspId] === true;
      });
      if (!shown)
        return step(
          'approve',
          peer.endpoint.ref,
          'failed',
          `ordered by ${sent.value} (tx ${proposal.txId}) but the peer does not show the approval in time: check before re-running`,
          { code: 'NS_APPLY_NOT_CONFIRMED' },
        );
      step(
        'approve',
        peer.endpoint.ref,
        'applied',
        `approved by ${mspId} (tx ${proposal.txId}, ${pkg ? `package ${pkg.packageId}` : 'no package'})`,
        { txId: proposal.txId },
      );
    }
    if (isCommitted)
      return step(
        'commit',
        peer.endpoint.ref,
        'already',
        `committed at sequence ${sequence} (version ${committed!.version})`,
      );
    await commit(input, plan, channel!, definition.value, peer, readiness, step);
  } finally {
    peer.close();
  }
}

async function commit(
  input: ChaincodeLifecycleInput,
  plan: ChaincodePlan,
  channel: ChannelModel,
  definition: ChaincodeDefinition,
  peer: NodeConnection,
  readiness: Record<string, boolean>,
  step: (
    action: 'commit',
    target: string,
    outcome: StepOutcome,
    detail: string,
    facts?: Pick<ApplyStep, 'txId' | 'code'>,
  ) => void,
): Promise<void> {
  const { model } = input;
  const signer = input.identity.signer;
  const config = await channelConfig(input, channel);
  if ('error' in config) return step('commit', '-', 'failed', config.error, { code: config.code });
  const policy = lifecycleRequirement(config.value);
  const approved = Object.keys(readiness)
    .filter((msp) => readiness[msp])
    .sort();
  if (!satisfiedByOrganizations(policy.requirement, new Set(approved))) {
    const pending = Object.keys(readiness)
      .filter((msp) => !readiness[msp])
      .sort();
    return step(
      'commit',
      '-',
      'waiting',
      `approved by ${approved.join(', ') || 'nobody'}; waiting for ${pending.join(', ')} (LifecycleEndorsement: ${policy.summary})`,
    );
  }

  // The acting org's peer first, then one peer of each other member org, until the endorsing orgs satisfy
  // LifecycleEndorsement (the commit transaction is validated against it).
  const proposal = commitProposal(signer, plan.channel, definition);
  const endorsements: Endorsed[] = [];
  const endorsers = new Set<string>();
  const problems: string[] = [];
  const own = await endorseAt(peer, proposal, 'CommitChaincodeDefinition');
  if ('error' in own) problems.push(own.error);
  else {
    endorsements.push(own.value);
    endorsers.add(signer.mspId);
  }
  for (const orgName of channel.members) {
    if (satisfiedByOrganizations(policy.requirement, endorsers)) break;
    const org = model.organizations.find((o) => o.name === orgName);
    if (!org || endorsers.has(org.mspId) || orgName === input.identity.organization.name) continue;
    for (const endpoint of peerEndpoints(model, orgName)) {
      const connection = new NodeConnection(endpoint, input.connection);
      try {
        const answer = await endorseAt(connection, proposal, 'CommitChaincodeDefinition');
        if ('error' in answer) {
          problems.push(answer.error);
          continue;
        }
        endorsements.push(answer.value);
        endorsers.add(org.mspId);
        break;
      } finally {
        connection.close();
      }
    }
  }
  const targets = endorsements.map((e) => e.from).join(', ') || peer.endpoint.ref;
  if (!satisfiedByOrganizations(policy.requirement, endorsers))
    return step(
      'commit',
      targets,
      'failed',
      `endorsed by ${[...endorsers].sort().join(', ') || 'nobody'} only; LifecycleEndorsement needs ${policy.summary}${problems.length ? ` (${problems.join('; ')})` : ''}`,
      { code: 'NS_APPLY_NOT_ENDORSED' },
    );
  const sent = await submit(input, channel, proposal, endorsements);
  if ('error' in sent) return step('commit', targets, 'failed', sent.error, { code: sent.code });
  const committed = await waitFor(input, async () => {
    const live = await queryCommittedDefinition(peer, signer, plan.channel, plan.name);
    return (live?.sequence ?? 0) >= definition.sequence;
  });
  if (!committed)
    return step(
      'commit',
      targets,
      'failed',
      `ordered by ${sent.value} (tx ${proposal.txId}) but the peer does not show the definition in time: check before re-running`,
      { code: 'NS_APPLY_NOT_CONFIRMED' },
    );
  step(
    'commit',
    targets,
    'applied',
    `committed (tx ${proposal.txId}), approved by ${approved.join(', ')}, endorsed by ${[...endorsers].sort().join(', ')}`,
    { txId: proposal.txId },
  );
}

/** Names what differs between the plan's definition and the spec's (the bundle must be applied as planned). */
function specMismatch(plan: ChaincodePlan, chaincode: ChaincodeModel): string | undefined {
  const desired = plan.desired;
  const differs: string[] = [];
  if (desired.version !== chaincode.version) differs.push('version');
  if (desired.sequence !== chaincode.sequence) differs.push('sequence');
  if (desired.initRequired !== chaincode.initRequired) differs.push('initRequired');
  if (desired.collections.join(',') !== chaincode.collections.map((c) => c.name).join(',')) differs.push('collections');
  return differs.length ? `the spec's ${differs.join(', ')} differ from the plan's` : undefined;
}

async function endorseAt(
  connection: NodeConnection,
  proposal: Proposal,
  what: string,
): Promise<{ value: Endorsed } | Failure> {
  try {
    const { response } = await connection.processProposal(proposal.signed);
    const answer = (response.response ?? {}) as { status?: number; message?: string };
    const status = Number(answer.status ?? 0);
    if (status < 200 || status >= 400)
      return {
        error: `${what}: ${connection.endpoint.ref} refused (status ${status}: ${String(answer.message ?? '')})`,
        code: 'NS_APPLY_PEER_REFUSED',
      };
    return { value: { from: connection.endpoint.ref, response } };
  } catch (error) {
    return { error: messageOf(error), code: failureCode(error, 'NS_APPLY_PEER_REFUSED') };
  }
}

/** Builds the transaction and broadcasts it to the channel's first reachable orderer; returns that orderer. */
async function submit(
  input: ChaincodeLifecycleInput,
  channel: ChannelModel,
  proposal: Proposal,
  endorsed: Endorsed[],
): Promise<{ value: string } | Failure> {
  const transaction = endorsedTransaction(input.identity.signer, proposal, endorsed);
  if ('error' in transaction) return { error: transaction.error, code: 'NS_APPLY_NOT_ENDORSED' };
  const orderers = ordererEndpoints(input.model, channel.orderer.organizations);
  const sent = await firstReachable(orderers, input.connection, (connection) =>
    connection.broadcast(transaction.envelope),
  );
  if ('error' in sent) return sent;
  if (sent.value.status !== STATUS_SUCCESS)
    return {
      error: `the orderer refused the transaction (${statusName(sent.value.status)}: ${sent.value.info})`,
      code: 'NS_APPLY_ORDERER_REFUSED',
    };
  return { value: sent.from };
}

async function channelConfig(
  input: ChaincodeLifecycleInput,
  channel: ChannelModel,
): Promise<{ value: ConfigJson } | Failure> {
  const orderers = ordererEndpoints(input.model, channel.orderer.organizations);
  const fetched = await firstReachable(orderers, input.connection, (connection) =>
    fetchConfigBlock(connection, input.identity.signer, channel.name),
  );
  if ('error' in fetched) return fetched;
  const info = configBlockInfo(fetched.value.block);
  const json = info.value ? toJson('common.Config', info.value.config).value : undefined;
  if (!json)
    return { error: `the config block of ${channel.name} does not decode`, code: 'NS_FABRIC_NOT_CONFIG_BLOCK' };
  return { value: json as unknown as ConfigJson };
}

/**
 * Asks each node in turn; a node that cannot be reached passes to the next, any other error is the answer.
 * The connection is closed afterwards unless the answer keeps it (the caller closes it then).
 */
async function firstReachable<T>(
  endpoints: readonly NodeEndpoint[],
  options: ConnectionOptions | undefined,
  ask: (connection: NodeConnection) => Promise<T>,
): Promise<{ value: T; from: string } | Failure> {
  if (endpoints.length === 0) return { error: 'no node to ask in the spec', code: 'NS_APPLY_NO_NODE' };
  const reasons: string[] = [];
  for (const endpoint of endpoints) {
    const connection = new NodeConnection(endpoint, options);
    let keep = false;
    try {
      const value = await ask(connection);
      keep = (value as { connection?: unknown } | undefined)?.connection === connection;
      return { value, from: endpoint.ref };
    } catch (error) {
      if (!(error instanceof NodeUnreachableError))
        return { error: messageOf(error), code: failureCode(error, 'NS_APPLY_PEER_REFUSED') };
      reasons.push(messageOf(error));
    } finally {
      if (!keep) connection.close();
    }
  }
  return { error: reasons.join('; '), code: 'NS_APPLY_UNREACHABLE' };
}

/** A node call that did not give its answer: why, and its code. */
interface Failure {
  error: string;
  code: DiagnosticCode;
}

async function waitFor(input: ChaincodeLifecycleInput, done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + (input.commitTimeoutMs ?? 60_000);
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(input.pollMs ?? 500);
  }
}
