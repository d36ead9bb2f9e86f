// Readers shared by the Fabric 3 rules: which channels order with SmartBFT, and which channel capability a
// channel ends up with (the spec's, else V3_0 for BFT and V2_0 otherwise, as normalize fills it).
import type { ChannelSpec, NetworkSpec } from '../../model/spec.js';
import { entriesOf } from './_spec-walk.js';

export function bftChannels(spec: NetworkSpec): [string, ChannelSpec][] {
  return entriesOf(spec.channels).filter(([, channel]) => channel?.orderer?.type === 'BFT');
}

export function channelCapability(channel: ChannelSpec | undefined): string {
  const written = channel?.capabilities?.channel;
  if (typeof written === 'string') return written;
  return channel?.orderer?.type === 'BFT' ? 'V3_0' : 'V2_0';
}

/** V2_0 < V2_5 < V3_0: the numeric parts compared in order. */
export function atLeastV3(capability: string): boolean {
  const major = Number(capability.replace(/^V/, '').split('_')[0]);
  return Number.isFinite(major) && major >= 3;
}
