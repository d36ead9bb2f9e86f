// `netspec apply <bundle>` for Fabric: only a bundle whose signatures verify, and only what it carries.
//  - channel updates: the CONFIG_UPDATE envelope (the signed update bytes, every collected ConfigSignature, the
//    submitter's signature) broadcast to an orderer of the channel, then Deliver until the config block with the
//    new sequence arrives; a BAD_REQUEST about the read set means the channel moved on since the plan;
//  - new channels: the genesis block joined to each orderer (channel participation API), then the acting org's
//    peers join (cscc JoinChain);
//  - chaincode definitions: the acting org's approval, and the commit once enough orgs approved
//    (chaincode-lifecycle.ts).
// Idempotent: the live state is read first, and what is already there is reported, not redone. Each channel is
// applied independently, so a failure half-way leaves a precise account of what was and was not applied.
import type { NetworkModel } from '../../compiler/model/network-model.js';
import type { ChannelPlan, Plan } from '../../compiler/plan/index.js';
import { signatureInputsOf, type VerifiedBundle } from '../../governance/index.js';
import { type ApplyRecord, chaincodeRecords } from './apply-record.js';
import { applyChaincodeLifecycle } from './chaincode-lifecycle.js';
import { joinOrderer, ordererHasChannel } from './channel-participation.js';
import type { ClientIdentity } from './client-identity.js';
import { DeliverRefusedError, fetchConfigBlock, statusName } from './fetch-config-block.js';
import { messageOf } from './fetch-state.js';
import { type ConnectionOptions, NodeConnection, sleep } from './grpc-connection.js';
import { liveConfigFacts } from './live-channel-config.js';
import { ordererEndpoints, peerEndpoints } from './node-endpoints.js';
import { joinChain, joinedChannels } from './proposals.js';
import { configUpdateEnvelope } from './signed-envelopes.js';

const STATUS_SUCCESS = 200;
const STATUS_BAD_REQUEST = 400;
const STATUS_FORBIDDEN = 403;

/** `waiting`: nothing to do yet and nothing wrong (a chaincode commit waiting for other orgs' approvals). */
export type StepOutcome = 'applied' | 'already' | 'failed' | 'skipped' | 'waiting';

export interface ApplyStep {
  channel: string;
  action: 'update' | 'join-orderer' | 'join-peer' | 'install' | 'approve' | 'commit';
  /** The node acted on, `org/node`. */
  target: string;
  outcome: StepOutcome;
  detail: string;
  /** The transaction (or install proposal) this step sent, when it sent one: for the apply record. */
  txId?: string;
  /** Chaincode lifecycle steps: the definition they belong to. */
  chaincode?: { name: string; sequence: number };
}

export interface ApplyBundleInput {
  /** The bundle as verify checked it: its bytes are the only ones sent, and its report must be satisfied. */
  verified: VerifiedBundle;
  identity: ClientIdentity;
  connection?: ConnectionOptions;
  /** How long to wait for the new config block after a successful broadcast. Default 60 s. */
  commitTimeoutMs?: number;
  /** Between Deliver polls while waiting. Default 500 ms. */
  pollMs?: number;
  onStep?: (step: ApplyStep) => void;
  now?: () => Date;
}

export interface ApplyBundleResult {
  steps: ApplyStep[];
  /** Records to write: specDir-relative path is the caller's business; keyed `<channel>-<sequence>`. */
  records: ApplyRecord[];
  /** Refusals before anything was sent. */
  refused: string[];
}

/** The verified bundle's plan and model, beside what the caller passed. */
interface ApplyContext extends ApplyBundleInput {
  plan: Readonly<Plan>;
  model: NetworkModel;
}

export async function applyFabricBundle(applyInput: ApplyBundleInput): Promise<ApplyBundleResult> {
  const result: ApplyBundleResult = { steps: [], records: [], refused: [] };
  const report = applyInput.verified.report;
  const input: ApplyContext = {
    ...applyInput,
    plan: applyInput.verified.bundle.plan,
    model: applyInput.verified.model,
  };
  if (report.status !== 'satisfied') {
    const reasons = [
      ...(report.problems ?? []),
      ...report.updates.flatMap((u) =>
        u.status === 'satisfied'
          ? []
          : [
              `${u.channel}: ${u.status}${u.problems.length ? ` (${u.problems.join('; ')})` : ''}${u.requirements
                .filter((r) => !r.satisfied)
                .map((r) => `; ${r.policyPath} ${r.progress ?? ''}`)
                .join('')}`,
            ],
      ),
    ];
    result.refused.push(`the bundle does not verify (${report.status}): nothing was sent`, ...reasons);
    return result;
  }
  const bundleHash = input.verified.bundle.hash;
  const record = (step: ApplyStep) => {
    result.steps.push(step);
    input.onStep?.(step);
  };
  const now = input.now ?? (() => new Date());
  for (const channel of input.plan.channels) {
    if (channel.action === 'update') {
      const applied = await applyUpdate(input, channel, record);
      if (applied) {
        const signers = report.updates
          .find((u) => u.channel === channel.channel)
          ?.signatures.filter((s) => s.valid)
          .map((s) => s.mspId);
        result.records.push({
          bundleHash,
          channel: channel.channel,
          sequence: applied.sequence,
          txIds: [applied.txId],
          blockNumbers: [applied.blockNumber],
          appliedAt: now().toISOString(),
          signers: [...new Set(signers ?? [])].sort(),
        });
      }
    } else if (channel.action === 'create') {
      const created = await createChannel(input, channel, record);
      if (created)
        result.records.push({
          bundleHash,
          channel: channel.channel,
          sequence: 0,
          txIds: created.txIds,
          blockNumbers: [0],
          appliedAt: now().toISOString(),
          signers: [],
        });
    }
  }
  // Chaincode definitions after the channels they live on: the acting org's approvals, then commits.
  const chaincodeSteps: ApplyStep[] = [];
  await applyChaincodeLifecycle(input, (step) => {
    chaincodeSteps.push(step);
    record(step);
  });
  result.records.push(...chaincodeRecords(chaincodeSteps, input.identity, bundleHash, now()));
  return result;
}

async function applyUpdate(
  input: ApplyContext,
  channel: ChannelPlan,
  record: (step: ApplyStep) => void,
): Promise<{ sequence: string; txId: string; blockNumber: string } | undefined> {
  const name = channel.channel;
  const step = (target: string, outcome: StepOutcome, detail: string) =>
    record({ channel: name, action: 'update', target, outcome, detail });
  const updateBytes = input.verified.bundle.files.get(channel.artifact ?? '');
  if (!updateBytes) {
    step('-', 'failed', `${channel.artifact} is missing from the bundle`);
    return undefined;
  }
  const model = input.model;
  const channelModel = model.channels.find((c) => c.name === name);
  const orderers = ordererEndpoints(model, channelModel?.orderer.organizations);
  if (orderers.length === 0) {
    step('-', 'failed', `no orderer of ${name} in the spec`);
    return undefined;
  }
  const signer = input.identity.signer;
  const base = BigInt(channel.baseSequence ?? '0');
  let lastError = '';
  for (const endpoint of orderers) {
    const connection = new NodeConnection(endpoint, input.connection);
    try {
      const live = liveConfigFacts((await fetchConfigBlock(connection, signer, name)).block);
      if (live.sequence !== base) {
        if (live.lastUpdate && Buffer.from(live.lastUpdate).equals(Buffer.from(updateBytes))) {
          step(
            endpoint.ref,
            'already',
            `already applied: config sequence ${live.sequence} (block ${live.blockNumber}) carries this update`,
          );
          return undefined;
        }
        step(
          endpoint.ref,
          'failed',
          `stale: the channel moved on (live config sequence ${live.sequence}, planned against ${base}); re-plan and re-sign`,
        );
        return undefined;
      }
      const signatures = signatureInputsOf(input.verified.bundle, name).inputs.map((s) => ({
        signature_header: s.signatureHeader,
        signature: s.signature,
      }));
      const { envelope, txId } = configUpdateEnvelope(signer, name, updateBytes, signatures);
      const answer = await connection.broadcast(envelope);
      if (answer.status !== STATUS_SUCCESS) {
        const stale = answer.status === STATUS_BAD_REQUEST && /read ?set|be at version|readset/i.test(answer.info);
        // The orderer checks the submitter against /Channel/Writers before the update's signatures.
        const notWriter = answer.status === STATUS_FORBIDDEN && /'Writers'|\/Channel\/Writers/.test(answer.info);
        step(
          endpoint.ref,
          'failed',
          stale
            ? `stale: the channel moved on, re-plan and re-sign (${answer.info})`
            : notWriter
              ? `the orderer refused the submitter: ${signer.mspId}'s identity does not satisfy /Channel/Writers of ${name} ` +
                `(submit as an admin or client of a member organization) (${statusName(answer.status)}: ${answer.info})`
              : `the orderer refused the update (${statusName(answer.status)}: ${answer.info})`,
        );
        return undefined;
      }
      const committed = await waitForSequence(connection, input, name, base + 1n);
      if (!committed) {
        step(
          endpoint.ref,
          'failed',
          `accepted (tx ${txId}) but no config block with sequence ${base + 1n} arrived in time: fetch and check before re-running`,
        );
        return undefined;
      }
      step(
        endpoint.ref,
        'applied',
        `config sequence ${committed.sequence} in block ${committed.blockNumber} (tx ${txId})`,
      );
      return { sequence: String(committed.sequence), txId, blockNumber: String(committed.blockNumber) };
    } catch (error) {
      // Refused to read the channel: every orderer of it will say the same about this identity.
      if (error instanceof DeliverRefusedError && error.status === STATUS_FORBIDDEN) {
        step(
          endpoint.ref,
          'failed',
          `the orderer refused the submitter: ${signer.mspId}'s identity may not read ${name} (/Channel/Readers); ` +
            `apply as an admin of a member organization of the channel (${messageOf(error)})`,
        );
        return undefined;
      }
      // Unreachable after retries: try the channel's next orderer.
      lastError = messageOf(error);
    } finally {
      connection.close();
    }
  }
  step(orderers.map((o) => o.ref).join(', '), 'failed', `not applied: ${lastError}`);
  return undefined;
}

async function waitForSequence(
  connection: NodeConnection,
  input: ApplyBundleInput,
  channel: string,
  sequence: bigint,
): Promise<{ sequence: bigint; blockNumber: bigint } | undefined> {
  const deadline = Date.now() + (input.commitTimeoutMs ?? 60_000);
  for (;;) {
    const live = liveConfigFacts((await fetchConfigBlock(connection, input.identity.signer, channel)).block);
    if (live.sequence >= sequence) return { sequence: live.sequence, blockNumber: live.blockNumber };
    if (Date.now() >= deadline) return undefined;
    await sleep(input.pollMs ?? 500);
  }
}

async function createChannel(
  input: ApplyContext,
  channel: ChannelPlan,
  record: (step: ApplyStep) => void,
): Promise<{ txIds: string[] } | undefined> {
  const name = channel.channel;
  const block = input.verified.bundle.files.get(channel.artifact ?? '');
  if (!block) {
    const detail = `${channel.artifact ?? 'the genesis block'} is missing from the bundle`;
    record({ channel: name, action: 'join-orderer', target: '-', outcome: 'failed', detail });
    return undefined;
  }
  const channelModel = input.model.channels.find((c) => c.name === name);
  let ok = true;
  let anyApplied = false;
  const participation = {
    ...(input.connection?.tls ? { tls: input.connection.tls } : {}),
    ...(input.connection?.timeoutMs ? { timeoutMs: input.connection.timeoutMs } : {}),
    ...(input.connection?.retries !== undefined ? { retries: input.connection.retries } : {}),
    ...(input.connection?.backoffMs ? { backoffMs: input.connection.backoffMs } : {}),
  };
  for (const endpoint of ordererEndpoints(input.model, channelModel?.orderer.organizations)) {
    const step = (outcome: StepOutcome, detail: string) =>
      record({ channel: name, action: 'join-orderer', target: endpoint.ref, outcome, detail });
    try {
      if (await ordererHasChannel(endpoint, name, participation)) step('already', 'already serves the channel');
      else {
        await joinOrderer(endpoint, name, block, participation);
        anyApplied = true;
        step('applied', 'joined with the genesis block');
      }
    } catch (error) {
      ok = false;
      step('failed', messageOf(error));
    }
  }
  const txIds: string[] = [];
  const org = input.identity.organization.name;
  const peers = channelModel?.members.includes(org) ? peerEndpoints(input.model, org) : [];
  for (const endpoint of peers) {
    const step = (outcome: StepOutcome, detail: string) =>
      record({ channel: name, action: 'join-peer', target: endpoint.ref, outcome, detail });
    if (!ok) {
      step('skipped', 'not every orderer serves the channel yet');
      continue;
    }
    const connection = new NodeConnection(endpoint, input.connection);
    try {
      if ((await joinedChannels(connection, input.identity.signer)).includes(name)) step('already', 'already joined');
      else {
        txIds.push(await joinChain(connection, input.identity.signer, block));
        anyApplied = true;
        step('applied', 'joined (cscc JoinChain)');
      }
    } catch (error) {
      ok = false;
      step('failed', messageOf(error));
    } finally {
      connection.close();
    }
  }
  return ok && anyApplied ? { txIds } : undefined;
}
