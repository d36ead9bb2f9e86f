// `netspec apply <bundle>` for Fabric: only a bundle whose signatures verify, and only what it carries.
//  - channel updates: the CONFIG_UPDATE envelope (the signed update bytes, every collected ConfigSignature, the
//    submitter's signature) broadcast to an orderer of the channel, then Deliver until the config block with the
//    new sequence arrives; a BAD_REQUEST about the read set means the channel moved on since the plan;
//  - new channels: the acting org joins its own orderers (channel participation API: the admin endpoint trusts
//    only the ordering org's TLS CA) and its own peers (cscc JoinChain: only the peer's own admins may) once an
//    orderer delivers it the genesis block (join-own-peers.ts); every other org's part is reported as delegated;
//  - an update that adds the acting org: its peers join the same way; one that adds or removes another org says
//    what that org still has to do;
//  - chaincode definitions: the acting org's approval, and the commit once enough orgs approved
//    (chaincode-lifecycle.ts).
// Idempotent: the live state is read first, and what is already there is reported, not redone. Each channel is
// applied independently, so a failure half-way leaves a precise account of what was and was not applied.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { type DiagnosticCode, type Problem, problem } from '../../compiler/diagnostics/index.js';
import type { ChannelModel } from '../../compiler/model/network-model.js';
import type { ChannelPlan } from '../../compiler/plan/index.js';
import { signatureInputsOf } from '../../governance/index.js';
import { retry, sleep } from '../retry.js';
import { type ApplyRecord, chaincodeRecords } from './apply-record.js';
import type { ApplyBundleInput, ApplyContext, ApplyStep, StepOutcome } from './apply-steps.js';
import { applyChaincodeLifecycle } from './chaincode-lifecycle.js';
import { joinOrderer, ordererHasChannel } from './channel-participation.js';
import { failureCode, failureHint } from './failure-code.js';
import { DeliverRefusedError, fetchConfigBlock, statusName } from './fetch-config-block.js';
import { messageOf } from './fetch-state.js';
import { NodeConnection, NodeUnreachableError } from './grpc-connection.js';
import { joinOwnPeers, othersJoinPeers, removedOrgsLeave } from './join-own-peers.js';
import { liveConfigFacts } from './live-channel-config.js';
import { ordererEndpoints } from './node-endpoints.js';
import { configUpdateEnvelope } from './signed-envelopes.js';

const STATUS_SUCCESS = 200;
const STATUS_BAD_REQUEST = 400;
const STATUS_FORBIDDEN = 403;

export interface ApplyBundleResult {
  steps: ApplyStep[];
  /** Records to write: specDir-relative path is the caller's business; keyed `<channel>-<sequence>`. */
  records: ApplyRecord[];
  /** Refusals before anything was sent: verify's own problems, or why its verdict is not yet satisfied. */
  refused: Problem[];
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
    // The first says nothing was sent; then verify's problems with their own codes, and each policy still unmet.
    result.refused.push(
      problem('NS_APPLY_NOT_SATISFIED', `the bundle does not verify (${report.status}): nothing was sent`),
      ...(report.problems ?? []),
      ...report.updates.flatMap((u) => [
        ...u.problems.map((p) => ({ ...p, message: `${u.channel}: ${p.message}` })),
        ...(u.status === 'waiting'
          ? [
              problem(
                'NS_APPLY_NOT_SATISFIED',
                `${u.channel}: waiting${u.requirements
                  .filter((r) => !r.satisfied)
                  .map((r) => `; ${r.policyPath} ${r.progress ?? ''}`)
                  .join('')}`,
                { hint: 'collect the missing signatures (netspec sign), then apply again' },
              ),
            ]
          : []),
      ]),
    );
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

/** Member organizations (MSP ids) an update adds to or removes from the channel's Application group. */
export function membershipChanges(channel: ChannelPlan): { added: string[]; removed: string[] } {
  const orgs = (change: 'add' | 'remove') =>
    channel.delta
      .filter((d) => d.kind === 'group' && d.change === change && /^\/Channel\/Application\/[^/]+$/.test(d.path))
      .map((d) => d.path.slice('/Channel/Application/'.length));
  return { added: orgs('add'), removed: orgs('remove') };
}

async function applyUpdate(
  input: ApplyContext,
  channel: ChannelPlan,
  record: (step: ApplyStep) => void,
): Promise<{ sequence: string; txId: string; blockNumber: string } | undefined> {
  const channelModel = input.model.channels.find((c) => c.name === channel.channel);
  const outcome = await submitUpdate(input, channel, channelModel, record);
  if (!outcome || !channelModel) return undefined;
  // The membership the update changes: the org it adds joins its own peers, the org it removes leaves.
  const { added, removed } = membershipChanges(channel);
  const nameOf = (mspId: string) => input.model.organizations.find((o) => o.mspId === mspId)?.name ?? mspId;
  if (added.includes(input.identity.signer.mspId)) await joinOwnPeers(input, channelModel, undefined, record);
  othersJoinPeers(input, channelModel, added.map(nameOf), record);
  removedOrgsLeave(input, channelModel, removed, record);
  return outcome === 'already' ? undefined : outcome;
}

async function submitUpdate(
  input: ApplyContext,
  channel: ChannelPlan,
  channelModel: ChannelModel | undefined,
  record: (step: ApplyStep) => void,
): Promise<UpdateResult> {
  const name = channel.channel;
  const step = (target: string, outcome: StepOutcome, detail: string, code?: DiagnosticCode) =>
    record({ channel: name, action: 'update', target, outcome, detail, ...(code ? { code } : {}) });
  const updateBytes = input.verified.bundle.files.get(channel.artifact ?? '');
  if (!updateBytes) {
    step('-', 'failed', `${channel.artifact} is missing from the bundle`, 'NS_BUNDLE_FILE_MISSING');
    return undefined;
  }
  const orderers = ordererEndpoints(input.model, channelModel?.orderer.organizations);
  if (orderers.length === 0) {
    step('-', 'failed', `no orderer of ${name} in the spec`, 'NS_APPLY_NO_NODE');
    return undefined;
  }
  const signer = input.identity.signer;
  const base = BigInt(channel.baseSequence ?? '0');
  const joining = membershipChanges(channel).added.includes(signer.mspId);
  let built: { envelope: Uint8Array; txId: string } | undefined;
  // A Broadcast whose answer was lost: the orderer may have taken it. Nothing is sent again before the channel's
  // config has been read, and an update found there is ours, applied, not "stale".
  let unanswered = false;
  let lastError = '';
  let lastCode: DiagnosticCode = 'NS_APPLY_UNREACHABLE';
  for (const endpoint of orderers) {
    const connection = new NodeConnection(endpoint, input.connection);
    /** The outcome when the channel moved past the planned sequence; undefined while it is where the plan left it. */
    const moved = async (): Promise<{ result: UpdateResult } | undefined> => {
      const live = liveConfigFacts((await fetchConfigBlock(connection, signer, name)).block);
      if (live.sequence === base) return undefined;
      if (live.lastUpdate && Buffer.from(live.lastUpdate).equals(Buffer.from(updateBytes))) {
        if (unanswered && built) {
          step(
            endpoint.ref,
            'applied',
            `config sequence ${live.sequence} in block ${live.blockNumber} (tx ${built.txId}); the orderer's answer was lost, the channel's config shows the update`,
          );
          return {
            result: { sequence: String(live.sequence), txId: built.txId, blockNumber: String(live.blockNumber) },
          };
        }
        step(
          endpoint.ref,
          'already',
          `already applied: config sequence ${live.sequence} (block ${live.blockNumber}) carries this update`,
        );
        return { result: 'already' };
      }
      step(
        endpoint.ref,
        'failed',
        `stale: the channel moved on (live config sequence ${live.sequence}, planned against ${base}); re-plan and re-sign`,
        'NS_UPDATE_STALE',
      );
      return { result: undefined };
    };
    /** Reads the channel, then sends the update once if it is still due; a lost answer is an AnswerLost. */
    const readThenSend = async (): Promise<UpdateResult> => {
      const verdict = await moved();
      if (verdict) return verdict.result;
      built ??= configUpdateEnvelope(
        signer,
        name,
        updateBytes,
        signatureInputsOf(input.verified.bundle, name).inputs.map((s) => ({
          signature_header: s.signatureHeader,
          signature: s.signature,
        })),
      );
      let answer: { status: number; info: string };
      try {
        answer = await connection.broadcastOnce(built.envelope);
      } catch (error) {
        if (!answerLost(error)) throw error;
        unanswered = true;
        connection.close();
        throw new AnswerLost(messageOf(error));
      }
      if (answer.status !== STATUS_SUCCESS) {
        if (unanswered) {
          // An earlier send may be what the orderer now measures this one against: look before judging.
          const now = liveConfigFacts((await fetchConfigBlock(connection, signer, name)).block);
          if (now.lastUpdate && Buffer.from(now.lastUpdate).equals(Buffer.from(updateBytes))) {
            step(
              endpoint.ref,
              'applied',
              `config sequence ${now.sequence} in block ${now.blockNumber} (tx ${built.txId}); an earlier send whose answer was lost applied it`,
            );
            return { sequence: String(now.sequence), txId: built.txId, blockNumber: String(now.blockNumber) };
          }
        }
        const refusal = refusalOf(answer, signer.mspId, name);
        step(endpoint.ref, 'failed', refusal.detail, refusal.code);
        return undefined;
      }
      const committed = await waitForSequence(connection, input, name, base + 1n);
      if (!committed) {
        step(
          endpoint.ref,
          'failed',
          `accepted (tx ${built.txId}) but no config block with sequence ${base + 1n} arrived in time: fetch and check before re-running`,
          'NS_APPLY_NOT_CONFIRMED',
        );
        return undefined;
      }
      step(
        endpoint.ref,
        'applied',
        `config sequence ${committed.sequence} in block ${committed.blockNumber} (tx ${built.txId})`,
      );
      return { sequence: String(committed.sequence), txId: built.txId, blockNumber: String(committed.blockNumber) };
    };
    try {
      const sent = await retry(connection.retryPolicy, readThenSend, {
        retryable: (error) => error instanceof AnswerLost,
      });
      if (sent.ok) return sent.value;
      // No answer to the last send either: the channel's config says whether one of them was taken.
      const verdict = await moved();
      if (verdict) return verdict.result;
      throw new NodeUnreachableError(`Broadcast: no answer from ${endpoint.ref}: ${messageOf(sent.lastError)}`);
    } catch (error) {
      // Refused to read the channel: every orderer of it will say the same about this identity.
      if (error instanceof DeliverRefusedError && error.status === STATUS_FORBIDDEN) {
        if (joining)
          step(
            endpoint.ref,
            'waiting',
            `${signer.mspId} may read ${name} only once this update, which adds it, is applied by a member organization; run again after (${messageOf(error)})`,
          );
        else
          step(
            endpoint.ref,
            'failed',
            `the orderer refused the submitter: ${signer.mspId}'s identity may not read ${name} (/Channel/Readers); ` +
              `apply as an admin of a member organization of the channel (${messageOf(error)})`,
            'NS_APPLY_SUBMITTER_REFUSED',
          );
        return undefined;
      }
      // Unreachable after retries: try the channel's next orderer.
      lastError = messageOf(error);
      lastCode = failureCode(error, 'NS_APPLY_ORDERER_REFUSED');
    } finally {
      connection.close();
    }
  }
  step(orderers.map((o) => o.ref).join(', '), 'failed', `not applied: ${lastError}`, lastCode);
  return undefined;
}

type UpdateResult = { sequence: string; txId: string; blockNumber: string } | 'already' | undefined;

/** A Broadcast whose answer did not arrive: worth another attempt once the channel has been read. */
class AnswerLost extends Error {}

/** UNAVAILABLE or a deadline: the orderer's answer did not arrive, whatever it did with the envelope. */
function answerLost(error: unknown): boolean {
  const code = (error as { code?: number }).code;
  return code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED;
}

function refusalOf(
  answer: { status: number; info: string },
  mspId: string,
  channel: string,
): { code: DiagnosticCode; detail: string } {
  // Fabric says "error validating ReadSet: … be at version" for a moved group and "error validating DeltaSet:
  // attempt to set key … to version N, but key is at version N" for a moved value (broadcast/responses.tsv).
  const stale =
    answer.status === STATUS_BAD_REQUEST && /read ?set|be at version|but key is at version/i.test(answer.info);
  // The orderer checks the submitter against /Channel/Writers before the update's signatures.
  const notWriter = answer.status === STATUS_FORBIDDEN && /'Writers'|\/Channel\/Writers/.test(answer.info);
  if (stale)
    return { code: 'NS_UPDATE_STALE', detail: `stale: the channel moved on, re-plan and re-sign (${answer.info})` };
  if (notWriter)
    return {
      code: 'NS_APPLY_SUBMITTER_REFUSED',
      detail:
        `the orderer refused the submitter: ${mspId}'s identity does not satisfy /Channel/Writers of ${channel} ` +
        `(submit as an admin or client of a member organization) (${statusName(answer.status)}: ${answer.info})`,
    };
  return {
    code: 'NS_APPLY_ORDERER_REFUSED',
    detail: `the orderer refused the update (${statusName(answer.status)}: ${answer.info})`,
  };
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
  const channelModel = input.model.channels.find((c) => c.name === name);
  if (!block || !channelModel) {
    const detail = block
      ? `${name} is not in the spec`
      : `${channel.artifact ?? 'the genesis block'} is missing from the bundle`;
    const code = block ? 'NS_BUNDLE_OUTDATED' : 'NS_BUNDLE_FILE_MISSING';
    record({ channel: name, action: 'join-orderer', target: '-', outcome: 'failed', detail, code });
    return undefined;
  }
  const org = input.identity.organization.name;
  const participation = {
    ...(input.connection?.tls ? { tls: input.connection.tls } : {}),
    ...(input.connection?.timeoutMs ? { timeoutMs: input.connection.timeoutMs } : {}),
    ...(input.connection?.retries !== undefined ? { retries: input.connection.retries } : {}),
    ...(input.connection?.backoffMs ? { backoffMs: input.connection.backoffMs } : {}),
  };
  let ok = true;
  let anyApplied = false;
  // Only the org that runs an orderer may join it: its admin API trusts that org's TLS CA alone.
  for (const endpoint of ordererEndpoints(input.model, channelModel.orderer.organizations)) {
    const step = (outcome: StepOutcome, detail: string, failure: { code?: DiagnosticCode; hint?: string } = {}) =>
      record({ channel: name, action: 'join-orderer', target: endpoint.ref, outcome, detail, ...failure });
    if (endpoint.organization !== org) {
      step(
        'delegated',
        `${endpoint.organization} joins its own orderers with the genesis block: netspec apply --org ${endpoint.organization}`,
      );
      continue;
    }
    try {
      if (await ordererHasChannel(endpoint, name, participation)) step('already', 'already serves the channel');
      else {
        await joinOrderer(endpoint, name, block, participation);
        anyApplied = true;
        step('applied', 'joined with the genesis block');
      }
    } catch (error) {
      ok = false;
      step('failed', messageOf(error), { code: failureCode(error, 'NS_APPLY_PEER_REFUSED'), ...failureHint(error) });
    }
  }
  const peers = await joinOwnPeers(input, channelModel, block, record);
  othersJoinPeers(input, channelModel, channelModel.members, record);
  ok &&= peers.ok;
  anyApplied ||= peers.applied;
  return ok && anyApplied ? { txIds: peers.txIds } : undefined;
}
