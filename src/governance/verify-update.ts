// One config update judged as the orderer will judge it against the channel's live config: the read set must
// match the live versions (else the update is stale), every write must move its version correctly, and the
// mod_policy of each write must be satisfied by the valid signatures.
import { type Problem, problem } from '../compiler/diagnostics/index.js';
import {
  type ConfigGroupJson,
  type ConfigJson,
  type ConfigUpdateJson,
  decode,
  type Json,
  toJson,
} from '../compiler/fabric/index.js';
import { describeRequirement, evaluateRequirement, whoMustSign } from '../policy/index.js';
import { channelMsps } from './channel-msps.js';
import { checkSignatures, type SignatureInput } from './check-signatures.js';
import type { RequirementVerdict, UpdateVerdict } from './verify-report.js';

/** What a stale update needs: a plan against the live config, and every signature made again over its bytes. */
export const REPLAN = 'fetch the live state, plan again and sign the new update: signatures over this one are void';

export interface UpdateInput {
  channel: string;
  /** The channel's live config (configtxlator JSON of common.Config). */
  config: ConfigJson;
  /** The exact common.ConfigUpdate bytes that were signed. */
  configUpdate: Uint8Array;
  signatures: readonly SignatureInput[];
  /** Problems found before (tampering, staleness): they make the verdict invalid. */
  problems?: readonly Problem[];
  now: Date;
}

export function verifyUpdate(input: UpdateInput): UpdateVerdict {
  const problems = [...(input.problems ?? [])];
  const decoded = decode('common.ConfigUpdate', input.configUpdate);
  const json = decoded.value ? toJson('common.ConfigUpdate', decoded.value) : undefined;
  if (!json?.value) {
    problems.push(problem('NS_UPDATE_INVALID', 'the update bytes do not decode as common.ConfigUpdate'));
    return { channel: input.channel, status: 'invalid', problems, requirements: [], signatures: [] };
  }
  const update = json.value as unknown as ConfigUpdateJson & Json;
  if (update.channel_id !== input.channel)
    problems.push(
      problem('NS_UPDATE_INVALID', `the update is for channel '${update.channel_id}', not '${input.channel}'`),
    );
  problems.push(...staleReads(input.config.channel_group, update.read_set, '/Channel'));

  const { writes, requirements } = whoMustSign(input.config, update);
  if (writes.length === 0)
    problems.push(problem('NS_UPDATE_INVALID', 'the update writes nothing (the orderer rejects an empty update)'));
  // A write at the wrong version was computed against another config than the live one: stale, like a read.
  for (const write of writes)
    if (write.problem) problems.push(problem('NS_UPDATE_STALE', `${write.path}: ${write.problem}`, { hint: REPLAN }));

  const msps = channelMsps(input.config);
  const checked = checkSignatures(input.signatures, input.configUpdate, msps, input.now);
  problems.push(...checked.fatal);

  const verdicts: RequirementVerdict[] = requirements.map((signer) => {
    const evaluation = evaluateRequirement(signer.requirement, checked.identities);
    if (signer.requirement.kind === 'missing')
      problems.push(problem('NS_UPDATE_INVALID', `${signer.policyPath}: no such policy in the channel config`));
    const waiting = evaluation.waitingFor.length > 0 ? `: waiting for ${evaluation.waitingFor.join(', ')}` : '';
    return {
      policyPath: signer.policyPath,
      summary: describeRequirement(signer.requirement),
      satisfied: evaluation.satisfied,
      signedBy: evaluation.signedBy,
      waitingFor: evaluation.waitingFor,
      progress: `${evaluation.met} of ${evaluation.needed}${evaluation.satisfied ? ': satisfied' : waiting}`,
    };
  });
  const status =
    problems.length > 0 ? 'invalid' : verdicts.every((verdict) => verdict.satisfied) ? 'satisfied' : 'waiting';
  return {
    channel: input.channel,
    status,
    problems,
    requirements: verdicts,
    signatures: checked.verdicts,
    ...(checked.warnings.length > 0 ? { warnings: checked.warnings } : {}),
  };
}

/** Read-set items whose version is not the live one: the orderer refuses the update as stale. */
function staleReads(live: ConfigGroupJson | undefined, read: ConfigGroupJson | undefined, path: string): Problem[] {
  if (!read) return [];
  const stale = (message: string) => problem('NS_UPDATE_STALE', message, { hint: REPLAN });
  if (!live) return [stale(`stale: ${path} no longer exists in the live config`)];
  const found: Problem[] = [];
  if (read.version !== live.version)
    found.push(
      stale(`stale: ${path} is at version ${live.version} in the live config, the update read version ${read.version}`),
    );
  const items = (kind: 'values' | 'policies') => {
    for (const [name, item] of Object.entries(read[kind] ?? {})) {
      const current = live[kind]?.[name];
      if (!current) found.push(stale(`stale: ${path}/${name} no longer exists in the live config`));
      else if (current.version !== item.version)
        found.push(
          stale(
            `stale: ${path}/${name} is at version ${current.version} in the live config, the update read version ${item.version}`,
          ),
        );
    }
  };
  items('values');
  items('policies');
  for (const [name, child] of Object.entries(read.groups ?? {}))
    found.push(...staleReads(live.groups?.[name], child, `${path}/${name}`));
  return found;
}
