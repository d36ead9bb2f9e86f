// The safety guards judged on a bundle's own update bytes: the config those bytes would make from the live config
// (as Fabric's configtx computes it) against the live config, with the spec for positions and `allow`. The
// re-plan already shows what the spec asks for now; this shows what the signed bytes do, so an update for the
// wrong stage (a BFT switch against a live config not in maintenance mode, a second consenter rotated at once, an
// old root removed while in use) is refused with the guard's code and reason rather than only as bytes that differ.
import type { Diagnostic, Problem } from '../compiler/diagnostics/index.js';
import { positionOf, problem } from '../compiler/diagnostics/index.js';
import { type ConfigJson, type ConfigUpdateJson, decode, toJson } from '../compiler/fabric/index.js';
import { configAfterUpdate } from '../compiler/fabric/update/config-after-update.js';
import type { LoadedSpec } from '../compiler/load-spec.js';
import { GUARDS } from '../compiler/plan/guards/index.js';
import type { ChannelPlanResult } from '../compiler/plan/plan-channel.js';
import { createRuleContext } from '../compiler/validate/rule-context.js';

export function updateGuardProblems(
  loaded: LoadedSpec,
  specText: string,
  channel: string,
  live: ConfigJson,
  updateBytes: Uint8Array,
  now: Date,
): Problem[] {
  const message = decode('common.ConfigUpdate', updateBytes);
  const json = message.value ? toJson('common.ConfigUpdate', message.value) : undefined;
  if (!json?.value)
    return [problem('NS_UPDATE_INVALID', `the update of ${channel} does not decode as a common.ConfigUpdate`)];
  const update = json.value as unknown as ConfigUpdateJson;
  const judged = {
    plan: { channel, action: 'update', delta: [], signers: [], members: [], ordererOrgs: [] },
    artifacts: new Map(),
    liveConfig: live,
    desiredConfig: configAfterUpdate(live, update),
    diagnostics: [],
  } satisfies ChannelPlanResult;
  const found: Diagnostic[] = [];
  const context = createRuleContext(loaded.spec, loaded.parsed, loaded.model.specDir, found);
  const guardContext = {
    model: loaded.model,
    now,
    channels: [judged],
    chaincodes: [],
    quorum: [],
    report: (_target: string, finding: Parameters<typeof context.report>[0]) => context.report(finding),
  };
  for (const guard of GUARDS) guard(guardContext);
  return found
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const range = d.ranges[0];
      // The guard's own code: the spec's `allow` names it, and the fix is the guard's. The position points at the
      // spec element the guard names (resolved here, where the spec's text is at hand); it plays no part in the
      // verdict, which is the guard's code alone.
      return problem(d.code, `refused by a safety guard: ${d.message}`, {
        file: range?.file ?? loaded.parsed.file,
        position: positionOf(specText, range?.start ?? 0),
        hint: d.hint,
      });
    });
}
