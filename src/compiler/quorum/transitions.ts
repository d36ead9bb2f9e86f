// Besu QBFT transitions: block-numbered changes of the consensus settings, kept in the genesis file under
// `config.transitions.qbft`. Key names are Besu's (config/src/main/java/org/hyperledger/besu/config: BftFork
// `block`, `blockperiodseconds`, `validators`; QbftFork `validatorselectionmode`, `validatorcontractaddress`),
// and so are its rules (consensus/common ForksScheduleFactory: no transition at block 0, one per block;
// consensus/qbft QbftForksSchedulesFactory: `blockheader` needs a validator list, `contract` an address).
import type { QuorumNetworkModel, QuorumTransitionModel } from '../model/network-model.js';
import { addressFromPublicKey } from './address.js';

/** One entry of `config.transitions.qbft`, with only the keys the transition sets. */
export interface QbftTransitionJson {
  block: number;
  blockperiodseconds?: number;
  validatorselectionmode?: 'blockheader' | 'contract';
  validatorcontractaddress?: string;
  validators?: string[];
}

/** The network's transitions in Besu's form, in block order. */
export function qbftTransitions(network: QuorumNetworkModel): QbftTransitionJson[] {
  const addresses = new Map(
    [...network.validators, ...network.members].map((node) => [node.name, addressFromPublicKey(node.publicKey)]),
  );
  return network.transitions.map((transition) => qbftTransition(transition, addresses));
}

function qbftTransition(transition: QuorumTransitionModel, addresses: Map<string, string>): QbftTransitionJson {
  return {
    block: transition.block,
    ...(transition.blockPeriodSeconds !== undefined ? { blockperiodseconds: transition.blockPeriodSeconds } : {}),
    ...(transition.validatorSelectionMode ? { validatorselectionmode: transition.validatorSelectionMode } : {}),
    ...(transition.validatorContractAddress ? { validatorcontractaddress: transition.validatorContractAddress } : {}),
    // A name that resolves to no node is a validate error (quorum-transitions-valid): never reached here.
    ...(transition.validators ? { validators: transition.validators.map((name) => addresses.get(name) ?? name) } : {}),
  };
}

/** How validators are chosen at `block`: the genesis mode, then each transition up to that block. */
export function validatorSelectionAt(
  network: Pick<QuorumNetworkModel, 'validatorContractAddress' | 'transitions'>,
  block: number,
): { mode: 'blockheader' } | { mode: 'contract'; address: string } {
  let selection: { mode: 'blockheader' } | { mode: 'contract'; address: string } = network.validatorContractAddress
    ? { mode: 'contract', address: network.validatorContractAddress }
    : { mode: 'blockheader' };
  for (const transition of network.transitions) {
    if (transition.block > block) break;
    if (transition.validatorSelectionMode === 'blockheader') selection = { mode: 'blockheader' };
    else if (transition.validatorSelectionMode === 'contract' && transition.validatorContractAddress)
      selection = { mode: 'contract', address: transition.validatorContractAddress };
  }
  return selection;
}
