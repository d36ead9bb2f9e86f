// QBFT transitions are a Besu QBFT feature, and Besu refuses to start on a genesis whose transitions break its
// rules (consensus/common ForksScheduleFactory: one transition per block; consensus/qbft QbftForksSchedulesFactory:
// `blockheader` needs a non-empty validators list, `contract` needs validatorcontractaddress). A node that will
// not start takes its validator vote with it, so each mistake is refused here, where the spec names it.
import type { Rule, RuleContext } from '../rule-context.js';
import { entriesOf, forEachDuplicate, listOf } from './_spec-walk.js';

export const quorumTransitionsValid: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    const transitions = listOf(spec?.transitions);
    if (!spec || transitions.length === 0) continue;
    const base = ['quorum', network, 'transitions'];
    const client = spec.client ?? 'besu';
    const consensus = spec.consensus ?? 'qbft';
    if (client !== 'besu' || consensus !== 'qbft') {
      ctx.report({
        code: 'NS_QUORUM_BESU_QBFT_ONLY',
        message: `quorum network '${network}' runs ${client} ${consensus}: netspec writes transitions for Besu QBFT only (genesis config.transitions.qbft)`,
        at: base,
        target: 'key',
      });
      continue;
    }
    forEachDuplicate(
      transitions.map((transition, index) => ({ key: String(transition?.block), path: [...base, index, 'block'] })),
      (duplicate, first) =>
        ctx.report({
          code: 'NS_QUORUM_TRANSITION_INVALID',
          message: `quorum network '${network}' has two transitions at block ${duplicate.key}; Besu allows one per block`,
          hint: 'merge them into one transition',
          at: [duplicate.path, first.path],
        }),
    );
    const nodes = new Set([...listOf(spec.validators), ...listOf(spec.members)].map((node) => node?.name));
    for (const [index, transition] of transitions.entries()) {
      if (!transition) continue;
      checkTransition(ctx, network, [...base, index], transition, nodes);
    }
  }
};

type TransitionSpec = NonNullable<
  NonNullable<NonNullable<RuleContext['spec']['quorum']>[string]['transitions']>[number]
>;

function checkTransition(
  ctx: RuleContext,
  network: string,
  at: (string | number)[],
  transition: TransitionSpec,
  nodes: Set<string | undefined>,
): void {
  const label = `quorum network '${network}' transition at block ${transition.block}`;
  const mode = transition.validatorSelectionMode;
  const invalid = (message: string, field: string, hint?: string) =>
    ctx.report({
      code: 'NS_QUORUM_TRANSITION_INVALID',
      message: `${label}: ${message}`,
      ...(hint ? { hint } : {}),
      at: [...at, field],
      target: 'key',
    });
  if (mode === 'contract' && transition.validatorContractAddress === undefined)
    invalid(
      'validator selection by contract needs validatorContractAddress (Besu refuses it)',
      'validatorSelectionMode',
    );
  if (mode === 'blockheader' && listOf(transition.validators).length === 0)
    invalid(
      'validator selection in block headers needs the validators it starts with (Besu refuses it)',
      'validatorSelectionMode',
      'list them by node name: validators: [validator0, validator1, …]',
    );
  if (transition.validatorContractAddress !== undefined && mode !== 'contract')
    invalid(
      'validatorContractAddress takes effect only with validatorSelectionMode: contract (Besu ignores it otherwise)',
      'validatorContractAddress',
    );
  if (transition.validators !== undefined && mode !== 'blockheader')
    invalid(
      'validators take effect only with validatorSelectionMode: blockheader; to change validators in block-header mode, vote',
      'validators',
    );
  for (const [index, name] of listOf(transition.validators).entries())
    if (!nodes.has(name))
      ctx.report({
        code: 'NS_QUORUM_TRANSITION_INVALID',
        message: `${label}: '${String(name)}' is not a node of quorum network '${network}'`,
        at: [...at, 'validators', index],
      });
  if (
    transition.blockPeriod === undefined &&
    mode === undefined &&
    transition.validatorContractAddress === undefined &&
    transition.validators === undefined
  )
    invalid('it changes nothing', 'block', 'give blockPeriod or validatorSelectionMode, or remove the transition');
}
