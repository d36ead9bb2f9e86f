// A network whose validators a contract chooses from genesis (`validatorContractAddress`) deploys that contract in
// the genesis block: Besu reads getValidators() from it at block 0, and the genesis header names no validator, so
// without the contract's code the chain has no validator and never makes a block (Besu docs, QBFT: "The address
// must be identical to the address in the alloc section"). Only Besu QBFT selects validators by contract.
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const quorumValidatorContract: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    const address = spec?.validatorContractAddress;
    if (typeof address !== 'string') continue;
    const at = ['quorum', network, 'validatorContractAddress'];
    const client = spec.client ?? 'besu';
    const consensus = spec.consensus ?? 'qbft';
    if (client !== 'besu' || consensus !== 'qbft') {
      ctx.report({
        code: 'NS_QUORUM_BESU_QBFT_ONLY',
        message: `quorum network '${network}' runs ${client} ${consensus}: validator selection by contract is a Besu QBFT feature (genesis config.qbft.validatorcontractaddress)`,
        at,
      });
      continue;
    }
    const wanted = address.toLowerCase().replace(/^0x/, '');
    const account = entriesOf(spec.alloc).find(([key]) => key.toLowerCase().replace(/^0x/, '') === wanted)?.[1];
    if (typeof account !== 'object' || account === null || typeof account.code !== 'string' || account.code === '0x')
      ctx.report({
        code: 'NS_QUORUM_VALIDATOR_CONTRACT_MISSING',
        message: `quorum network '${network}' takes its validators from contract ${address} from the genesis block, but alloc deploys no code there: the chain would start with no validator`,
        hint: `add the contract to alloc with its runtime code and the storage that lists the first validators: alloc: { "${address}": { code: "0x…", storage: { … } } }`,
        at,
      });
  }
};
