// Every duration parses the way Fabric (Go's time.ParseDuration) reads it, and is positive: the orderer
// rejects a zero batch timeout or tick interval. Quorum clients take the block period and request timeout
// in whole seconds, so a fraction there would be silently changed.
import { parseDurationNanos } from '../../model/units.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

const NANOS_PER_SECOND = 1_000_000_000n;

export const durationsValid: Rule = (ctx) => {
  for (const [channel, spec] of entriesOf(ctx.spec.channels)) {
    const base = ['channels', channel, 'orderer'];
    checkDuration(ctx, spec?.orderer?.batchTimeout, [...base, 'batchTimeout'], `channel '${channel}' batchTimeout`);
    checkDuration(
      ctx,
      spec?.orderer?.etcdraft?.tickInterval,
      [...base, 'etcdraft', 'tickInterval'],
      `channel '${channel}' etcdraft tickInterval`,
    );
  }
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    for (const field of ['blockPeriod', 'requestTimeout'] as const) {
      checkDuration(ctx, spec?.[field], ['quorum', network, field], `quorum network '${network}' ${field}`, true);
    }
    for (const [index, transition] of (Array.isArray(spec?.transitions) ? spec.transitions : []).entries())
      checkDuration(
        ctx,
        transition?.blockPeriod,
        ['quorum', network, 'transitions', index, 'blockPeriod'],
        `quorum network '${network}' transition ${index + 1} blockPeriod`,
        true,
      );
  }
};

function checkDuration(ctx: RuleContext, text: unknown, path: DataPath, label: string, wholeSeconds = false): void {
  if (text === undefined) return;
  const nanos = typeof text === 'string' ? parseDurationNanos(text) : undefined;
  if (nanos === undefined) {
    ctx.report({
      code: 'NS_DURATION_INVALID',
      message: `${label} '${String(text)}' is not a duration`,
      hint: "write a number with a unit, as Go reads durations: '2s', '500ms', '1m30s' (units ns, us, ms, s, m, h)",
      at: path,
    });
  } else if (nanos === 0n) {
    ctx.report({ code: 'NS_DURATION_INVALID', message: `${label} must be longer than zero`, at: path });
  } else if (wholeSeconds && nanos % NANOS_PER_SECOND !== 0n) {
    ctx.report({
      code: 'NS_DURATION_INVALID',
      message: `${label} '${text}' is not a whole number of seconds; Besu and GoQuorum take it in seconds`,
      at: path,
    });
  }
}
