// The ledger plan: the spec (as a model) against the live state, channel by channel, chaincode by chaincode, Quorum
// network by network; then the safety guards. What verify re-plans: it never loads the Kubernetes emitters (and
// their template engine), which make-plan.ts adds for a full plan. Returns the plan as data and the bundle's
// artifacts in memory: writing them is a separate step.
import { sha256Hex } from '../../bytes.js';
import { certificateInventory } from '../certificates/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { channelConfigs } from '../fabric/index.js';
import type { LoadedSpec } from '../load-spec.js';
import { createRuleContext } from '../validate/rule-context.js';
import { GUARDS } from './guards/index.js';
import {
  type ChaincodePlan,
  type GuardFinding,
  PLAN_FORMAT_VERSION,
  type Plan,
  type QuorumPlan,
  type UsersPlan,
} from './plan.js';
import { planChaincodes } from './plan-chaincodes.js';
import { type ChannelPlanResult, planChannel } from './plan-channel.js';
import type { KubernetesPlanResult } from './plan-kubernetes.js';
import { planQuorum } from './plan-quorum.js';
import { planUsers } from './plan-users.js';
import { type LiveState, readState } from './state/read-state.js';

export interface PlanInput {
  loaded: LoadedSpec;
  /** The spec file as the user named it (its bytes, hashed into the plan, are the ones loaded). */
  specFile: string;
  stateDir: string;
  /** Timestamp stamped into new channels' genesis blocks. */
  timestamp: Date;
  /** The time certificates are judged at (the expired-consenter guard); now by default. */
  now?: Date;
}

export interface PlanResult {
  plan: Plan | undefined;
  /** Bundle-relative path -> bytes (without plan.json and plan.md, which the caller renders). */
  artifacts: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
  /** The live state the plan was made against, decoded once (verification judges signatures against it). */
  live?: LiveState;
}

/**
 * The plan without its Kubernetes part and without the certificate inventory: what verification re-plans to check
 * a bundle's channel, chaincode and Quorum artifacts (Kubernetes objects need no signatures, and their files are
 * checked by hash alone). The inventory reads the certificates of every live config, which no ledger artifact
 * needs; verify takes the spec's certificates from certificateInventory itself.
 */
export function makeLedgerPlan(input: PlanInput): PlanResult {
  const planned = planLedgers(input);
  if ('done' in planned) return planned.done;
  return finishPlan(input, planned, { plans: [], artifacts: new Map(), diagnostics: [] }, { withCertificates: false });
}

/** What is planned before the Kubernetes part joins: channels, chaincodes and Quorum networks. */
export interface LedgerPlans {
  live: LiveState;
  channels: ChannelPlanResult[];
  chaincodes: ChaincodePlan[];
  quorum: QuorumPlan[];
  users: UsersPlan[];
  artifacts: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
}

export function planLedgers(input: PlanInput): LedgerPlans | { done: PlanResult } {
  const { model, spec, parsed } = input.loaded;
  const state = readState(input.stateDir, model);
  if (!state.value) return { done: { plan: undefined, artifacts: new Map(), diagnostics: state.diagnostics } };
  const live = state.value;

  const diagnostics: Diagnostic[] = [];
  const ruleContext = createRuleContext(spec, parsed, model.specDir, diagnostics);
  const artifacts = new Map<string, Uint8Array>();

  const configOf = channelConfigs(model);
  const channels: ChannelPlanResult[] = model.channels.map((channel) =>
    planChannel(model, channel, configOf(channel.name), live.channels.get(channel.name), input.timestamp),
  );
  for (const result of channels) {
    diagnostics.push(...result.diagnostics);
    for (const [path, bytes] of result.artifacts) artifacts.set(path, bytes);
  }
  if (hasErrors(diagnostics)) return { done: { plan: undefined, artifacts: new Map(), diagnostics } };

  const chaincodes: ChaincodePlan[] = model.channels.flatMap((channel, index) =>
    planChaincodes({
      model,
      channel,
      committed: live.chaincodes.get(channel.name) ?? [],
      config: channels[index]!.desiredConfig,
      report: ruleContext.report,
    }),
  );
  const encoder = new TextEncoder();
  for (const channel of model.channels) {
    const steps = chaincodes.filter((c) => c.channel === channel.name && c.action !== 'noop');
    if (steps.length > 0)
      artifacts.set(`fabric/${channel.name}/chaincodes.json`, encoder.encode(`${JSON.stringify(steps, null, 2)}\n`));
  }

  const quorum: QuorumPlan[] = model.quorum.map((network) => {
    const result = planQuorum(network, live.quorum.get(network.name));
    for (const [path, bytes] of result.artifacts) artifacts.set(path, bytes);
    return result.plan;
  });
  // Users need no signatures and write no artifact: apply --users converges the CA to the spec.
  const users = planUsers(model, live.users, input.timestamp);
  return { live, channels, chaincodes, quorum, users, artifacts, diagnostics };
}

export function finishPlan(
  input: PlanInput,
  ledgers: LedgerPlans,
  kubernetes: KubernetesPlanResult,
  { withCertificates }: { withCertificates: boolean },
): PlanResult {
  const { model, spec, parsed } = input.loaded;
  const { live, channels, chaincodes, quorum, users, artifacts, diagnostics } = ledgers;
  diagnostics.push(...kubernetes.diagnostics);
  for (const [path, bytes] of kubernetes.artifacts) artifacts.set(path, bytes);

  const guards: GuardFinding[] = [];
  const guardContext = {
    model,
    now: input.now ?? new Date(),
    channels,
    chaincodes,
    quorum,
    report(target: string, finding: Parameters<ReturnType<typeof createRuleContext>['report']>[0]) {
      const sink: Diagnostic[] = [];
      createRuleContext(spec, parsed, model.specDir, sink).report(finding);
      for (const diagnostic of sink) guards.push({ target, diagnostic });
    },
  };
  for (const guard of GUARDS) guard(guardContext);
  // A staged change's later stages are judged now too, each against the config the stage before it leaves, so a
  // sequence that would be refused halfway is refused before its first stage is signed.
  for (const channel of channels)
    for (const stage of channel.laterStages ?? []) {
      const { laterStages: _later, ...rest } = channel;
      const staged = { ...rest, liveConfig: stage.liveConfig, desiredConfig: stage.desiredConfig };
      const stageContext = {
        ...guardContext,
        channels: [staged],
        chaincodes: [],
        quorum: [],
        report(target: string, finding: Parameters<typeof guardContext.report>[1]) {
          guardContext.report(target, {
            ...finding,
            message: `stage ${stage.number} of ${stage.total}: ${finding.message}`,
          });
        },
      };
      for (const guard of GUARDS) guard(stageContext);
    }

  const channelPlans = channels.map((c) => c.plan);
  const summary = {
    channelsCreated: channelPlans.filter((c) => c.action === 'create').length,
    channelsUpdated: channelPlans.filter((c) => c.action === 'update').length,
    channelsUnchanged: channelPlans.filter((c) => c.action === 'noop').length,
    chaincodeChanges: chaincodes.filter((c) => c.action !== 'noop').length,
    validatorVotes: quorum.reduce((count, network) => count + (network.votes?.steps.length ?? 0), 0),
    kubernetesChanges: kubernetes.plans.reduce(
      (n, org) => n + org.create.length + org.change.length + org.prune.length,
      0,
    ),
    userChanges: users.reduce((n, org) => n + org.users.filter((user) => user.action !== 'noop').length, 0),
    blocked: guards.some((g) => g.diagnostic.severity === 'error'),
    hasChanges: false,
  };
  summary.hasChanges =
    summary.channelsCreated +
      summary.channelsUpdated +
      summary.chaincodeChanges +
      summary.validatorVotes +
      summary.kubernetesChanges +
      (summary.userChanges ?? 0) >
      0 || quorum.some((network) => network.action === 'create' || network.transitions !== undefined);

  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    network: model.name,
    specHash: sha256Hex(input.loaded.bytes),
    specFile: input.specFile,
    stateDir: input.stateDir,
    channels: channelPlans,
    chaincodes,
    quorum,
    kubernetes: kubernetes.plans,
    users,
    guards,
    // Live configs are named by channel, not by path: the same plan made from another folder reads the same.
    ...(withCertificates
      ? {
          certificates: certificateInventory(
            model,
            [...live.channels].map(([channel, entry]) => ({
              channel,
              file: `the live config of ${channel}`,
              config: entry.config,
            })),
          ),
        }
      : {}),
    summary,
  };
  return { plan: hasErrors(diagnostics) ? undefined : plan, artifacts, diagnostics, live };
}
