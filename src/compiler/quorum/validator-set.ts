// What the clients call each consensus, and the validator addresses a Quorum network starts with.
import type { QuorumNetworkModel, QuorumNodeModel } from '../model/network-model.js';
import { addressFromPublicKey } from './address.js';
import type { ExtraDataType } from './extra-data.js';

export type QuorumClient = QuorumNetworkModel['client'];

/**
 * The extraData encoding a client expects for a consensus; undefined for Raft (no validators in the header).
 * `ibft` means IBFT 2.0 on Besu and the legacy Istanbul IBFT on GoQuorum: the two are not compatible.
 */
export function extraDataTypeOf(
  client: QuorumClient,
  consensus: QuorumNetworkModel['consensus'],
): ExtraDataType | undefined {
  if (consensus === 'qbft') return 'qbft';
  if (consensus === 'ibft') return client === 'besu' ? 'ibft2' : 'istanbul';
  return undefined;
}

export interface ValidatorIdentity {
  name: string;
  organization: string;
  /** Lower-case 0x address. */
  address: string;
}

/** Each node with its address, in spec order (the order the genesis extraData keeps). */
export function identitiesOf(nodes: readonly QuorumNodeModel[]): ValidatorIdentity[] {
  return nodes.map((node) => ({
    name: node.name,
    organization: node.organization,
    address: addressFromPublicKey(node.publicKey),
  }));
}
