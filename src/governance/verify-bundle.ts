// `netspec verify <bundle>`: first the bundle itself — re-plan from the spec and the live state and refuse update
// bytes that differ (tampering) or a base sequence that is no longer live (stale: every signature over it is
// void), unless the live config is the one this very update made (applied: nothing left to do) — then, per
// update, every signature file and every policy the orderer will evaluate.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSpec } from '../compiler/load-spec.js';
import { makePlan, type Plan } from '../compiler/plan/index.js';
import { readStateChannel } from './live-config.js';
import { bundleUpdates, readPlanFile } from './read-bundle.js';
import { readSignatureFiles } from './signature-file.js';
import type { UpdateVerdict, VerifyReport, VerifyStatus } from './verify-report.js';
import { verifyUpdate } from './verify-update.js';

export interface VerifyBundleOptions {
  /** The live state folder; plan.json's stateDir by default. */
  stateDir?: string;
  /** The spec; plan.json's specFile by default. */
  specFile?: string;
  /** For certificate validity; now by default. */
  now?: Date;
}

export function verifyBundle(bundleDir: string, options: VerifyBundleOptions = {}): VerifyReport {
  const read = readPlanFile(bundleDir);
  if ('error' in read) return refused(read.error);
  const plan = read.plan;
  const stateDir = options.stateDir ?? plan.stateDir;
  const specFile = options.specFile ?? plan.specFile;
  const now = options.now ?? new Date();

  const replanned = replan(plan, specFile, stateDir);
  if ('error' in replanned) return refused(replanned.error);

  const updates: UpdateVerdict[] = bundleUpdates(bundleDir, plan).map((update) => {
    const channel = update.plan.channel;
    const problems: string[] = [];
    const signatures = readSignatureFiles(bundleDir, channel);
    const live = readStateChannel(stateDir, channel);
    const fail = (problem: string): UpdateVerdict => ({
      channel,
      status: 'invalid',
      problems: [...problems, problem],
      requirements: [],
      signatures: signatures.unreadable,
    });
    if (!update.bytes) return fail(`${update.plan.artifact} is missing from the bundle`);
    if ('error' in live) return fail(`the live config cannot be read: ${live.error}`);

    const liveSequence = live.live.config.sequence;
    const untampered = update.plan.artifactHash === undefined || update.sha256 === update.plan.artifactHash;
    if (
      liveSequence !== update.plan.baseSequence &&
      untampered &&
      live.live.lastUpdate &&
      Buffer.from(live.live.lastUpdate).equals(update.bytes)
    )
      // Applied already (the state was fetched after apply): the base sequence is gone because of this very update.
      return {
        channel,
        status: 'satisfied',
        problems: [],
        requirements: [],
        signatures: [],
        applied: { sequence: String(liveSequence ?? '0'), blockNumber: live.live.blockNumber },
      };
    if (update.plan.baseSequence !== undefined && liveSequence !== update.plan.baseSequence)
      problems.push(
        `stale: the plan was made against config sequence ${update.plan.baseSequence}, the live config is at ` +
          `sequence ${liveSequence}; signatures over this update are void: re-plan and sign again`,
      );
    if (update.plan.artifactHash !== undefined && update.sha256 !== update.plan.artifactHash)
      problems.push(`tampered: ${update.plan.artifact} does not match the artifactHash in plan.json`);
    const fresh = replanned.plan.channels.find((c) => c.channel === channel);
    const freshBytes = fresh?.artifact ? replanned.artifacts.get(fresh.artifact) : undefined;
    if (problems.length === 0) {
      if (fresh?.action !== 'update' || !freshBytes)
        problems.push(
          `the spec and the live state no longer produce an update of ${channel} (now: ${fresh?.action ?? 'absent'})`,
        );
      else if (!Buffer.from(freshBytes).equals(update.bytes))
        problems.push(
          `tampered: ${update.plan.artifact} differs from the update the spec and the live state produce (sha256 ` +
            `${update.sha256?.slice(0, 12)}… vs ${sha256(freshBytes).slice(0, 12)}…)`,
        );
    }
    const verdict = verifyUpdate({
      channel,
      config: live.live.config,
      configUpdate: update.bytes,
      signatures: signatures.inputs,
      problems,
      now,
    });
    return { ...verdict, signatures: [...signatures.unreadable, ...verdict.signatures] };
  });
  return { status: overallStatus(updates.map((u) => u.status)), updates };
}

function replan(
  plan: Plan,
  specFile: string,
  stateDir: string,
): { plan: Plan; artifacts: Map<string, Uint8Array> } | { error: string } {
  const loaded = loadSpec(specFile);
  if (!loaded.value)
    return { error: `the spec ${specFile} does not load: ${loaded.diagnostics[0]?.message ?? 'unknown error'}` };
  const specBytes = readFileSync(resolve(specFile));
  if (sha256(specBytes) !== plan.specHash)
    return { error: `the spec ${specFile} changed since this plan was made (specHash differs): re-plan` };
  const result = makePlan({ loaded: loaded.value, specFile, specBytes, stateDir, timestamp: new Date(0) });
  if (!result.plan)
    return {
      error: `re-planning from ${specFile} and ${stateDir} failed: ${result.diagnostics.find((d) => d.severity === 'error')?.message ?? 'unknown error'}`,
    };
  return { plan: result.plan, artifacts: result.artifacts };
}

export function overallStatus(statuses: readonly VerifyStatus[]): VerifyStatus {
  if (statuses.includes('invalid')) return 'invalid';
  if (statuses.includes('waiting')) return 'waiting';
  return 'satisfied';
}

function refused(problem: string): VerifyReport {
  return { status: 'invalid', problems: [problem], updates: [] };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
