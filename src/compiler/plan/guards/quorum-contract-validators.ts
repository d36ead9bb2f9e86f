// Where a contract chooses the validators (Besu QBFT contract selection), votes in block headers do nothing: the
// set changes only by a transaction to the contract, which the consortium runs under the contract's own rules.
// A live set that differs from the spec is reported so reviewers see it; the plan cannot close the gap itself.
import type { Guard } from './guard-context.js';

export const quorumContractValidators: Guard = (ctx) => {
  for (const plan of ctx.quorum) {
    const drift = plan.validatorContract;
    if (!drift) continue;
    const parts = [
      ...(drift.missing.length > 0 ? [`the spec's ${drift.missing.join(', ')} not in it`] : []),
      ...(drift.unexpected.length > 0 ? [`${drift.unexpected.join(', ')} in it but not in the spec`] : []),
    ];
    ctx.report(plan.network, {
      code: 'NS_GUARD_QUORUM_CONTRACT_VALIDATORS',
      message: `Quorum network '${plan.network}' takes its validators from contract ${drift.address}, whose set at block ${drift.liveBlock} differs from the spec: ${parts.join('; ')}`,
      hint: "change the set by a transaction to the contract (its own voting rules apply), or make the spec's validators match it",
      at: ['quorum', plan.network, 'validators'],
      target: 'key',
      severity: 'warning',
    });
  }
};
