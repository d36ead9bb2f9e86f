// `netspec verify <bundle>`: a bundle judged against inputs the bundle does not control — the network's own spec
// and the live state the caller names (networkFilesOf) — never against a spec or state that plan.json points to.
//  1. the bundle itself: every file exactly as plan.json lists it (readBundle), the spec the one it was planned
//     from (specHash), and every channel, chaincode and Quorum artifact equal to what that spec and the live state
//     produce now (a re-plan without Kubernetes, whose files need no signatures and are checked by hash alone);
//  2. per channel update: a base sequence no longer live makes it stale (every signature over it is void) unless
//     the live config is the one this very update made (applied: nothing left to do); then every signature file
//     and every policy the orderer will evaluate.
// The result is a report for people and, unless the bundle is invalid, a VerifiedBundle: the only thing apply
// takes, holding the bytes that were checked.
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BUNDLE_MARKDOWN_FILE, BUNDLE_PLAN_FILE, type Bundle, type NetworkFiles } from '../bundle/index.js';
import { sha256Hex } from '../bytes.js';
import { type CertificateFact, certificateInventory } from '../compiler/certificates/index.js';
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import { configBlockInfo, encode } from '../compiler/fabric/index.js';
import { type LoadedSpec, loadSpec } from '../compiler/load-spec.js';
import type { NetworkModel } from '../compiler/model/index.js';
import type { ChannelPlan, LiveState, Plan, QuorumPlan } from '../compiler/plan/index.js';
// The ledger plan's own module: the plan folder's index also brings the Kubernetes emitters and the bundle writer.
import { makeLedgerPlan } from '../compiler/plan/ledger-plan.js';
import { renderMarkdown } from '../compiler/render/markdown.js';
import { signatureInputsOf } from './signature-file.js';
import { updateGuardProblems } from './update-guards.js';
import type { SignatureVerdict, UpdateVerdict, VerifyReport, VerifyStatus } from './verify-report.js';
import { REPLAN, verifyUpdate } from './verify-update.js';

declare const verifiedMark: unique symbol;

/** A bundle that passed verify: made only here, so holding one means the check ran on exactly these bytes. */
export interface VerifiedBundle {
  readonly [verifiedMark]: true;
  readonly bundle: Bundle;
  /** Satisfied or waiting (an invalid bundle has no VerifiedBundle); Fabric's apply needs satisfied. */
  readonly report: VerifyReport;
  readonly specFile: string;
  readonly stateDir: string;
  readonly model: NetworkModel;
}

export interface VerifyOutcome {
  report: VerifyReport;
  verified?: VerifiedBundle;
}

export interface VerifyBundleOptions extends NetworkFiles {
  /** For certificate validity; now by default. */
  now?: Date;
}

export function verifyBundle(bundle: Bundle, options: VerifyBundleOptions): VerifyOutcome {
  const { specFile, stateDir } = options;
  if (bundle.problems.length > 0) return refused(...bundle.problems);
  const loaded = loadSpec(specFile);
  if (!loaded.value) {
    // The spec's own first error, with its code: `netspec validate` shows it at its place.
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return refused(
      problem(
        first?.code ?? 'NS_INPUT_INVALID',
        `the spec ${specFile} does not load: ${first?.message ?? 'unknown error'}`,
        {
          file: specFile,
          hint: `netspec validate ${specFile}`,
        },
      ),
    );
  }
  const otherSpec = (message: string) =>
    problem('NS_SPEC_HASH_MISMATCH', message, {
      file: specFile,
      hint: 'verify with the spec the bundle was planned from, or plan again',
    });
  if (sha256Hex(loaded.value.bytes) !== bundle.plan.specHash)
    return refused(
      otherSpec(`the spec ${specFile} is not the one this bundle was planned from (specHash differs): plan again`),
    );
  const model = loaded.value.model;
  if (bundle.plan.network !== model.name)
    return refused(
      otherSpec(`the bundle is a plan of network '${bundle.plan.network}', the spec ${specFile} is '${model.name}'`),
    );
  const replanned = replan(loaded.value, specFile, stateDir);
  if ('error' in replanned) return refused(replanned.error);
  const blocking = replanned.plan.guards.filter((g) => g.diagnostic.severity === 'error');
  if (blocking.length > 0)
    return refused(
      ...blocking.map((g) =>
        problem(g.diagnostic.code, `blocked by a safety guard (${g.target}): ${g.diagnostic.message}`, {
          file: specFile,
          hint: g.diagnostic.hint,
        }),
      ),
    );

  const problems = [
    ...reviewedTextProblems(bundle, replanned, model, loaded.text ?? ''),
    ...channelCreationProblems(bundle, replanned),
    // The update as configtxlator JSON, for reviewers: it must say what update.pb does.
    ...artifactProblems(bundle, replanned, (path) => /^fabric\/[^/]+\/update\.json$/.test(path)),
    ...chaincodeProblems(bundle, replanned),
    ...quorumProblems(bundle, replanned),
    ...strayFileProblems(bundle, replanned),
  ];
  const now = options.now ?? new Date();
  const judge = { loaded: loaded.value, specText: loaded.text ?? '', stateDir };
  const updates = bundle.plan.channels
    .filter((channel) => channel.action === 'update')
    .map((channel) => verifyChannelUpdate(bundle, channel, replanned, now, judge));
  const status = problems.length > 0 ? 'invalid' : overallStatus(updates.map((u) => u.status));
  const report: VerifyReport = { status, ...(problems.length > 0 ? { problems } : {}), updates };
  if (status === 'invalid') return { report };
  const verified = { bundle, report, specFile, stateDir, model } as unknown as VerifiedBundle;
  return { report, verified };
}

interface Replanned {
  plan: Plan;
  artifacts: Map<string, Uint8Array>;
  /** The live state the re-plan read: its config blocks, decoded once, are what signatures are judged against. */
  live: LiveState;
}

function replan(loaded: LoadedSpec, specFile: string, stateDir: string): Replanned | { error: Problem } {
  const result = makeLedgerPlan({ loaded, specFile, stateDir, timestamp: new Date(0) });
  if (!result.plan || !result.live) {
    // The re-plan's own first error keeps its code (a state file that does not load, a chaincode sequence, ...).
    const first = result.diagnostics.find((d) => d.severity === 'error');
    return {
      error: problem(
        first?.code ?? 'NS_INTERNAL_ERROR',
        `re-planning from ${specFile} and ${stateDir} failed: ${first?.message ?? 'unknown error'}`,
        { file: first?.ranges[0]?.file ?? stateDir },
      ),
    };
  }
  return { plan: result.plan, artifacts: result.artifacts, live: result.live };
}

function verifyChannelUpdate(
  bundle: Bundle,
  planned: Readonly<ChannelPlan>,
  replanned: Replanned,
  now: Date,
  judge: { loaded: LoadedSpec; specText: string; stateDir: string },
): UpdateVerdict {
  const channel = planned.channel;
  const problems: Problem[] = [];
  const signatures = signatureInputsOf(bundle, channel);
  const live = replanned.live.channels.get(channel);
  const bytes = planned.artifact ? bundle.files.get(planned.artifact) : undefined;
  const fail = (found: Problem): UpdateVerdict => ({
    channel,
    status: 'invalid',
    problems: [...problems, found],
    requirements: [],
    signatures: signatures.unreadable,
  });
  if (!bytes)
    return fail(
      problem(
        'NS_BUNDLE_FILE_MISSING',
        `${planned.artifact ?? 'the update artifact'} is missing from the bundle`,
        inBundle(bundle, planned.artifact),
      ),
    );
  if (!live)
    return fail(
      problem('NS_STATE_CHANNEL_MISSING', `the live state has no config block of channel ${channel}`, {
        file: judge.stateDir,
        hint: 'netspec fetch the live state, or name the state folder with --state',
      }),
    );
  const config = live.configJson();

  const liveSequence = config.sequence;
  if (liveSequence !== planned.baseSequence && live.lastUpdate && Buffer.from(live.lastUpdate).equals(bytes))
    // Applied already (the state was fetched after apply): the base sequence is gone because of this very update.
    return {
      channel,
      status: 'satisfied',
      problems: [],
      requirements: [],
      signatures: [],
      applied: { sequence: String(liveSequence ?? '0'), blockNumber: live.blockNumber },
    };
  // What these very bytes would do to the live config, judged by the safety guards: an update for another stage
  // of a staged change is refused with the rule it breaks.
  problems.push(...updateGuardProblems(judge.loaded, judge.specText, channel, config, bytes, now));
  if (planned.baseSequence !== undefined && liveSequence !== planned.baseSequence)
    problems.push(
      problem(
        'NS_UPDATE_STALE',
        `stale: the plan was made against config sequence ${planned.baseSequence}, the live config is at ` +
          `sequence ${liveSequence}; signatures over this update are void: re-plan and sign again`,
        { ...inBundle(bundle, planned.artifact), hint: REPLAN },
      ),
    );
  const fresh = replanned.plan.channels.find((c) => c.channel === channel);
  const freshBytes = fresh?.artifact ? replanned.artifacts.get(fresh.artifact) : undefined;
  if (problems.length === 0) {
    if (fresh?.action !== 'update' || !freshBytes)
      problems.push(
        outdated(
          `the spec and the live state no longer produce an update of ${channel} (now: ${fresh?.action ?? 'absent'})`,
          inBundle(bundle, planned.artifact),
        ),
      );
    else if (!Buffer.from(freshBytes).equals(bytes))
      problems.push(
        tampered(
          `tampered: ${planned.artifact} differs from the update the spec and the live state produce (sha256 ` +
            `${sha256Hex(bytes).slice(0, 12)}… vs ${sha256Hex(freshBytes).slice(0, 12)}…)`,
          inBundle(bundle, planned.artifact),
        ),
      );
    else if (!isDeepStrictEqual(plain(planned), plain(fresh)))
      problems.push(
        tampered(
          `tampered: plan.json's entry for ${channel} (signers, writes or members) differs from the plan the spec and the live state produce`,
          inBundle(bundle, BUNDLE_PLAN_FILE),
        ),
      );
  }
  const verdict = verifyUpdate({
    channel,
    config,
    configUpdate: bytes,
    signatures: signatures.inputs,
    problems,
    now,
  });
  const judged = [...signatures.unreadable, ...verdict.signatures];
  // A warning is about a signature file: it points into the bundle, as the problems do.
  const warnings = verdict.warnings?.map((warning) => ({ ...warning, ...inBundle(bundle, warning.source) }));
  const withFiles = { ...verdict, ...(warnings ? { warnings } : {}), signatures: judged };
  const defects = judged.filter(isBundleDefect).map((s) =>
    problem(s.code ?? 'NS_SIGNATURE_INVALID', `${s.source}: ${s.reason ?? 'not a valid signature'}`, {
      ...inBundle(bundle, s.source),
      hint: `remove ${s.source}; ${s.mspId === '?' ? 'the organization' : s.mspId} signs again with netspec sign`,
    }),
  );
  if (defects.length === 0) return withFiles;
  return { ...withFiles, status: 'invalid', problems: [...verdict.problems, ...defects] };
}

/**
 * A signature file that can never count, whoever else signs: it does not parse, its name and signer disagree, its
 * identity is foreign to the MSP it names (another org's, an MSP not in the channel, not an admin, revoked), it
 * repeats a signature already in the bundle, or its bytes do not verify over this update. The orderer would only
 * skip it; in a bundle it is a defect (a mistake or a forgery) that no further signature cures, so the bundle is
 * invalid with the file named, never "waiting": the org removes the file and signs again.
 */
function isBundleDefect(signature: SignatureVerdict): boolean {
  return !signature.valid;
}

/**
 * What reviewers read must say what the bundle does: the guard findings plan.json records are the re-plan's, and
 * plan.md (the pull-request comment) is exactly what the plan renders to.
 */
function reviewedTextProblems(bundle: Bundle, replanned: Replanned, model: NetworkModel, specText: string): Problem[] {
  const problems: Problem[] = [];
  const planFile = inBundle(bundle, BUNDLE_PLAN_FILE);
  // Only where both still plan the same change: once a change is live, the re-plan has nothing left to guard. A
  // Quorum network whose transitions are recorded as rolled out still has its votes to guard.
  const quorumActions = bundle.plan.quorum.map((q) => {
    const fresh = replanned.plan.quorum.find((candidate) => candidate.network === q.network);
    return [q.network, fresh ? stillPlanned(q, fresh).action : q.action];
  });
  const pending = new Set(
    [...bundle.plan.channels.map((c) => [c.channel, c.action]), ...quorumActions]
      .filter(([target, action]) => action !== 'noop' && samePendingAction(replanned.plan, target!, action!))
      .map(([target]) => target),
  );
  const findings = (plan: Readonly<Plan>) =>
    plan.guards.filter((g) => pending.has(g.target)).map((g) => [g.target, g.diagnostic.code, g.diagnostic.message]);
  if (!isDeepStrictEqual(findings(bundle.plan), findings(replanned.plan)))
    problems.push(
      tampered("tampered: plan.json's guard findings differ from those the spec and the live state produce", planFile),
    );
  // The certificates the spec names, with their expiry dates, as plan.md shows them to reviewers. Those only the
  // live configs hold are left out: they change once the bundle is applied. A spec certificate's fact does not
  // depend on the live configs (they only add sources to it), so the spec's own inventory is the one to compare,
  // without reading every live config's certificates as plan does for the rest.
  const specCertificates = (facts: readonly CertificateFact[] | undefined) =>
    (facts ?? [])
      .filter((fact) => fact.at !== undefined)
      .map((fact) => [fact.kind, fact.organization, fact.node, fact.subject, fact.notAfter, fact.sha256]);
  // plan always writes them: a plan.json without them would hide the expiry list from reviewers, so it is compared
  // as an empty list.
  if (!isDeepStrictEqual(specCertificates(bundle.plan.certificates), specCertificates(certificateInventory(model))))
    problems.push(tampered("tampered: plan.json's certificates differ from those the spec names", planFile));
  const missingUsers = userChangesLeftOut(bundle.plan, replanned.plan);
  if (missingUsers.length > 0)
    problems.push(
      tampered(
        `tampered: plan.json's users leave out ${missingUsers.join(', ')}, which the spec and the recorded users call for`,
        planFile,
      ),
    );
  const markdown = bundle.files.get(BUNDLE_MARKDOWN_FILE);
  if (markdown) {
    const { files: _listed, ...planned } = bundle.plan;
    // Guard findings name the spec as the plan was given it; any such name reads the same text.
    const rendered = renderMarkdown(planned as Plan, model, { sources: { get: () => specText } });
    if (Buffer.from(markdown).toString('utf8') !== rendered)
      problems.push(
        tampered(
          `tampered: ${BUNDLE_MARKDOWN_FILE} is not what plan.json renders to`,
          inBundle(bundle, BUNDLE_MARKDOWN_FILE),
        ),
      );
  }
  return problems;
}

/**
 * The user changes the re-plan still calls for that plan.json does not show as such (`<org>/<user> (<action>)`).
 * The apply workflow runs `apply --users` for an organization only when plan.json shows it a change, so a plan.json
 * that hid one would keep the CA from ever converging. The other way round is no concern: a change plan.json shows
 * and the re-plan no longer does was applied since (its record updated), and apply --users converges to the spec
 * whatever plan.json says. A re-enrollment falls due with time, between plan and verify: it is not compared.
 */
function userChangesLeftOut(planned: Readonly<Plan>, fresh: Readonly<Plan>): string[] {
  const actionOf = new Map(
    (planned.users ?? []).flatMap((org) => org.users.map((user) => [`${org.organization}/${user.user}`, user.action])),
  );
  return (fresh.users ?? []).flatMap((org) =>
    org.users
      .filter((user) => user.action !== 'noop' && user.action !== 're-enroll')
      .filter((user) => actionOf.get(`${org.organization}/${user.user}`) !== user.action)
      .map((user) => `${org.organization}/${user.user} (${user.action})`),
  );
}

function samePendingAction(plan: Readonly<Plan>, target: string, action: string): boolean {
  const fresh =
    plan.channels.find((c) => c.channel === target)?.action ?? plan.quorum.find((q) => q.network === target)?.action;
  return fresh === action;
}

/** A new channel's genesis block must carry the config the spec produces (its timestamp may differ). */
function channelCreationProblems(bundle: Bundle, replanned: Replanned): Problem[] {
  const problems: Problem[] = [];
  const planFile = inBundle(bundle, BUNDLE_PLAN_FILE);
  for (const planned of bundle.plan.channels) {
    const fresh = replanned.plan.channels.find((c) => c.channel === planned.channel);
    if (planned.action === 'create') {
      // The live state has the channel already: the create was applied, and apply finds it so.
      if (fresh?.action !== 'create') continue;
      const ours = planned.artifact ? bundle.files.get(planned.artifact) : undefined;
      const theirs = fresh.artifact ? replanned.artifacts.get(fresh.artifact) : undefined;
      if (!ours || !theirs || !sameGenesisConfig(ours, theirs))
        problems.push(
          tampered(
            `tampered: ${planned.artifact ?? `the genesis block of ${planned.channel}`} does not carry the config the spec produces`,
            planned.artifact ? inBundle(bundle, planned.artifact) : planFile,
          ),
        );
      else if (!isDeepStrictEqual(plain(planned, ['artifactHash']), plain(fresh, ['artifactHash'])))
        problems.push(
          tampered(
            `tampered: plan.json's entry for ${planned.channel} differs from the plan the spec produces`,
            planFile,
          ),
        );
    } else if (planned.action === 'noop' && fresh && fresh.action !== 'noop')
      problems.push(
        outdated(
          `the spec and the live state now ${fresh.action} channel ${planned.channel}, which this bundle does not carry: plan again`,
          planFile,
        ),
      );
  }
  for (const fresh of replanned.plan.channels)
    if (fresh.action !== 'noop' && !bundle.plan.channels.some((c) => c.channel === fresh.channel))
      problems.push(
        outdated(`the bundle has no plan for channel ${fresh.channel}, which the spec defines: plan again`, planFile),
      );
  return problems;
}

function sameGenesisConfig(a: Uint8Array, b: Uint8Array): boolean {
  const first = configBlockInfo(a);
  const second = configBlockInfo(b);
  if (!first.value || !second.value) return false;
  const ours = encode('common.Config', first.value.config).value;
  const theirs = encode('common.Config', second.value.config).value;
  return ours !== undefined && theirs !== undefined && Buffer.from(ours).equals(theirs);
}

/**
 * Chaincode definitions: each change the bundle carries is the one the spec and live state produce, unless the
 * live state already has it (committed since: apply finds it so); a change it does not carry means plan again.
 */
function chaincodeProblems(bundle: Bundle, replanned: Replanned): Problem[] {
  const problems: Problem[] = [];
  const planFile = inBundle(bundle, BUNDLE_PLAN_FILE);
  const key = (c: { channel: string; name: string }) => `${c.channel}/${c.name}`;
  const fresh = new Map(replanned.plan.chaincodes.map((c) => [key(c), c]));
  const carried = new Map(bundle.plan.chaincodes.map((c) => [key(c), c]));
  for (const [name, planned] of carried) {
    const now = fresh.get(name);
    if (planned.action === 'noop' || !now || now.action === 'noop') continue;
    if (!isDeepStrictEqual(plain(planned), plain(now)))
      problems.push(
        tampered(`tampered: plan.json's chaincode ${name} differs from the definition the spec produces`, planFile),
      );
  }
  for (const [name, now] of fresh)
    if (now.action !== 'noop' && (carried.get(name)?.action ?? 'noop') === 'noop')
      problems.push(
        outdated(
          `the spec and the live state now ${now.action} chaincode ${name}, which this bundle does not carry: plan again`,
          planFile,
        ),
      );
  return [
    ...problems,
    ...artifactProblems(bundle, replanned, (path) => /^fabric\/[^/]+\/chaincodes\.json$/.test(path)),
  ];
}

/** Quorum networks: the same rule for new networks' files and validator votes. */
function quorumProblems(bundle: Bundle, replanned: Replanned): Problem[] {
  const problems: Problem[] = [];
  const planFile = inBundle(bundle, BUNDLE_PLAN_FILE);
  for (const carried of bundle.plan.quorum) {
    const now = replanned.plan.quorum.find((q) => q.network === carried.network);
    const planned = now ? stillPlanned(carried, now) : carried;
    if (planned.action === 'noop' || !now || now.action === 'noop') continue;
    if (!isDeepStrictEqual(plain(planned), plain(now)))
      problems.push(
        tampered(
          `tampered: plan.json's Quorum network ${planned.network} differs from the plan the spec produces`,
          planFile,
        ),
      );
  }
  for (const now of replanned.plan.quorum)
    if (
      now.action !== 'noop' &&
      (bundle.plan.quorum.find((q) => q.network === now.network)?.action ?? 'noop') === 'noop'
    )
      problems.push(
        outdated(
          `the spec and the live state now ${now.action} Quorum network ${now.network}, which this bundle does not carry: plan again`,
          planFile,
        ),
      );
  return [...problems, ...artifactProblems(bundle, replanned, (path) => path.startsWith('quorum/'))];
}

/**
 * A Quorum entry without its transitions change once the state records that change as rolled out (apply --k8s,
 * src/apply/quorum/record-transitions.ts): the re-plan has no transitions left, as the record holds the spec's
 * and the spec is the bundle's. What remains (the votes) is still to apply and is compared as before.
 */
function stillPlanned(planned: Readonly<QuorumPlan>, now: Readonly<QuorumPlan>): Readonly<QuorumPlan> {
  if (!planned.transitions || now.transitions) return planned;
  const { transitions: _recorded, ...rest } = planned;
  const genesis = `quorum/${planned.network}/genesis.json`;
  return {
    ...rest,
    action: rest.votes ? 'vote' : 'noop',
    artifacts: rest.artifacts.filter((path) => path !== genesis),
  };
}

/** Files of one kind that both the bundle and the re-plan hold must be equal byte for byte. */
function artifactProblems(bundle: Bundle, replanned: Replanned, ofKind: (path: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  for (const [path, bytes] of bundle.files) {
    if (!ofKind(path)) continue;
    const fresh = replanned.artifacts.get(path);
    if (fresh && !Buffer.from(fresh).equals(bytes))
      problems.push(
        tampered(`tampered: ${path} differs from what the spec and the live state produce`, inBundle(bundle, path)),
      );
  }
  return problems;
}

/** Every file must be one a plan writes: an artifact of the re-plan, one plan.json names, Kubernetes, plan.md. */
function strayFileProblems(bundle: Bundle, replanned: Replanned): Problem[] {
  const named = new Set<string>([BUNDLE_MARKDOWN_FILE, ...replanned.artifacts.keys()]);
  for (const channel of bundle.plan.channels) {
    if (channel.artifact) named.add(channel.artifact);
    if (channel.action === 'update') named.add(`fabric/${channel.channel}/update.json`);
    named.add(`fabric/${channel.channel}/chaincodes.json`);
  }
  for (const network of bundle.plan.quorum) for (const artifact of network.artifacts) named.add(artifact);
  const organizations = new Set(bundle.plan.kubernetes.map((k) => k.organization));
  return [...bundle.files.keys()]
    .filter((path) => !named.has(path) && !(path.startsWith('k8s/') && organizations.has(path.split('/')[1]!)))
    .map((path) =>
      problem(
        'NS_BUNDLE_FILE_UNLISTED',
        `${path} is not an artifact of this plan: a bundle holds only what the plan wrote`,
        {
          ...inBundle(bundle, path),
          hint: 'remove the file, or plan again',
        },
      ),
    );
}

/** A plan entry as data, without the fields named (compared with deep equality). */
function plain(value: object, without: readonly string[] = []): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  for (const field of without) delete copy[field];
  return copy;
}

export function overallStatus(statuses: readonly VerifyStatus[]): VerifyStatus {
  if (statuses.includes('invalid')) return 'invalid';
  if (statuses.includes('waiting')) return 'waiting';
  return 'satisfied';
}

function refused(...problems: Problem[]): VerifyOutcome {
  return { report: { status: 'invalid', problems, updates: [] } };
}

/** A bundle file as the user reaches it: under the bundle folder they named. */
/** A bundle file as a problem's file: the bundle folder itself when there is none to name. */
function inBundle(bundle: Bundle, path: string | undefined): { file: string } {
  return { file: path === undefined ? bundle.dir : join(bundle.dir, path) };
}

function tampered(message: string, at: { file: string }): Problem {
  return problem('NS_BUNDLE_TAMPERED', message, {
    ...at,
    hint: 'a bundle is written by netspec plan only: plan again from the spec, and review what changed it',
  });
}

/** The bundle was right once; the spec or the live state has moved since. */
function outdated(message: string, at: { file: string }): Problem {
  return problem('NS_BUNDLE_OUTDATED', message, {
    ...at,
    hint: 'plan again: the spec and the live state plan another change now',
  });
}
