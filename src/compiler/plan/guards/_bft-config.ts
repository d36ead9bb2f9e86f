// Readers of a BFT channel config (configtxlator JSON) shared by the BFT guards.
import type { ConsenterJson } from '../../fabric/config/bft-block-validation.js';
import type { ConfigJson } from '../../fabric/index.js';

export function isBft(config: ConfigJson): boolean {
  const consensus = config.channel_group.groups.Orderer?.values.ConsensusType?.value as { type?: string } | undefined;
  return consensus?.type === 'BFT';
}

/** The consenter mapping of the Orderer group's `Orderers` value; empty for a Raft channel. */
export function consenterMapping(config: ConfigJson): ConsenterJson[] {
  const orderers = config.channel_group.groups.Orderer?.values.Orderers?.value as
    | { consenter_mapping?: ConsenterJson[] }
    | undefined;
  return orderers?.consenter_mapping ?? [];
}
