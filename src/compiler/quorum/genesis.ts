// genesis.json for a Quorum network, in the form each client documents. Every node of a chain must init from the
// same bytes, so nothing here depends on time or randomness (the timestamp is a fixed constant).
// Besu: https://besu.hyperledger.org/private-networks/how-to/configure/consensus (config.qbft / config.ibft2).
// GoQuorum: docs.goquorum.consensys.io configure/consensus-protocols (config.qbft / config.ibft, isQuorum: true).
import type { QuorumAccountModel, QuorumNetworkModel } from '../model/network-model.js';
import { encodeExtraData } from './extra-data.js';
import { bytesToHex } from './hex.js';
import { qbftTransitions } from './transitions.js';
import { extraDataTypeOf, identitiesOf, type QuorumClient } from './validator-set.js';

/** "Istanbul practical byzantine fault tolerance": the mixHash BFT clients require in every block. */
export const BFT_MIX_HASH = '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365';
const ZERO_HASH = `0x${'00'.repeat(32)}`;
const ZERO_ADDRESS = `0x${'00'.repeat(20)}`;
/** The timestamp of Besu's published example genesis files; any fixed value works, a changing one forks. */
const GENESIS_TIMESTAMP = '0x58ee40ba';

export type GenesisJson = Record<string, unknown>;

/**
 * The genesis of `network` for `client` (the network's own client unless overridden). Raft exists only in
 * GoQuorum: the caller refuses besu + raft (a semantic rule does for the spec).
 */
export function buildGenesis(network: QuorumNetworkModel, client: QuorumClient = network.client): GenesisJson {
  if (client === 'besu' && network.consensus === 'raft') throw new Error('Besu does not implement Raft consensus');
  const type = extraDataTypeOf(client, network.consensus);
  // Contract selection: the genesis header names no validator; the contract's storage does (Besu docs, QBFT
  // "Extra data": "Contract validator selection, no validators").
  const contract = client === 'besu' ? network.validatorContractAddress : undefined;
  const addresses = contract ? [] : identitiesOf(network.validators).map((validator) => validator.address);
  const extraData = type ? bytesToHex(encodeExtraData(type, addresses)) : ZERO_HASH;
  const common = {
    nonce: '0x0',
    timestamp: GENESIS_TIMESTAMP,
    gasLimit: toHexQuantity(network.gasLimit),
    coinbase: ZERO_ADDRESS,
    alloc: allocOf(network.alloc),
    extraData,
  };
  const bft = {
    blockperiodseconds: network.blockPeriodSeconds,
    epochlength: network.epochLength,
    requesttimeoutseconds: network.requestTimeoutSeconds,
  };
  if (client === 'besu') {
    const qbft = network.consensus === 'qbft';
    const transitions = qbft ? qbftTransitions(network) : [];
    return {
      ...common,
      config: {
        chainId: network.chainId,
        berlinBlock: 0,
        [qbft ? 'qbft' : 'ibft2']: contract ? { ...bft, validatorcontractaddress: contract } : bft,
        ...(transitions.length > 0 ? { transitions: { qbft: transitions } } : {}),
      },
      difficulty: '0x1',
      mixHash: BFT_MIX_HASH,
    };
  }
  const config: Record<string, unknown> = {
    chainId: network.chainId,
    homesteadBlock: 0,
    eip150Block: 0,
    eip150Hash: ZERO_HASH,
    eip155Block: 0,
    eip158Block: 0,
    byzantiumBlock: 0,
    constantinopleBlock: 0,
    petersburgBlock: 0,
    istanbulBlock: 0,
    isQuorum: true,
    txnSizeLimit: 64,
    maxCodeSizeConfig: [{ block: 0, size: 64 }],
  };
  // GoQuorum reads BFT settings from config.qbft / config.ibft (policy 0 = round robin; ceil2Nby3Block 0 uses the
  // ceil(2n/3) quorum from the first block, as its docs recommend for new networks).
  if (network.consensus !== 'raft') config[network.consensus] = { ...bft, policy: 0, ceil2Nby3Block: 0 };
  return {
    ...common,
    config,
    // Raft has no proof of work or BFT header: GoQuorum's Raft examples start from difficulty 0 and a zero mixHash.
    difficulty: network.consensus === 'raft' ? '0x0' : '0x1',
    mixHash: network.consensus === 'raft' ? ZERO_HASH : BFT_MIX_HASH,
    number: '0x0',
    gasUsed: '0x0',
    parentHash: ZERO_HASH,
  };
}

/**
 * Genesis alloc: account (lower-case hex, no 0x, as both clients' examples write it) -> {balance}, with `code` and
 * `storage` for a contract deployed at genesis (Besu's QBFT contract-selection example writes them so).
 */
function allocOf(alloc: QuorumNetworkModel['alloc']): Record<string, QuorumAccountModel> {
  return Object.fromEntries(
    Object.entries(alloc).map(([address, account]) => [
      address.toLowerCase().replace(/^0x/, ''),
      {
        balance: account.balance,
        ...(account.code !== undefined ? { code: account.code.toLowerCase() } : {}),
        ...(account.storage !== undefined ? { storage: lowerCaseEntries(account.storage) } : {}),
      },
    ]),
  );
}

function lowerCaseEntries(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value.toLowerCase()]));
}

/** Decimal or 0x text -> 0x hex quantity, the form both clients parse for gasLimit. */
function toHexQuantity(text: string): string {
  return `0x${BigInt(text.trim()).toString(16)}`;
}
