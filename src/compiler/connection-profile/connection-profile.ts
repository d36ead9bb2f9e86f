// Fabric's common connection profile for one organization: the document the Fabric SDKs and
// @hyperledger/fabric-gateway samples read to reach a network. It lists the org's peers (with the TLS CA
// certificates to trust), the orderers of its channels, its CA, and the channels it is in. Keys are built in a
// fixed order from the model's order, so the same spec always gives the same bytes.
// The CA entry says what `apply --users` sends: `caName` is the `caname` requests carry, absent when the spec's
// `ca.name` is null (fabric-ca-client and the npm fabric-ca-client then send none, and the server's default CA
// answers), and its TLS roots are `ca.tlsCACert` when the spec names one, else the MSP's TLS roots.
import { didYouMean } from '../diagnostics/index.js';
import type { ChannelModel, MspModel, NetworkModel, OrganizationModel } from '../model/network-model.js';
import { nodeAddress } from '../model/node-address.js';
import { readPemFile, tlsCaCertificates } from './tls-ca-certificates.js';

export interface ConnectionProfile {
  name: string;
  version: '1.0.0';
  client: { organization: string; connection: { timeout: { peer: { endorser: string } } } };
  organizations: Record<string, { mspid: string; peers: string[]; certificateAuthorities: string[] }>;
  peers: Record<string, NodeEntry>;
  orderers: Record<string, NodeEntry>;
  certificateAuthorities: Record<string, CaEntry>;
  channels: Record<string, { orderers: string[]; peers: Record<string, PeerChannelRoles> }>;
}

interface CaEntry {
  url: string;
  /** Omitted for the server's default CA (the spec's `ca.name: null`). */
  caName?: string;
  tlsCACerts: { pem: string[] };
}

interface NodeEntry {
  url: string;
  tlsCACerts: { pem: string };
  grpcOptions: { 'ssl-target-name-override': string; hostnameOverride: string };
}

interface PeerChannelRoles {
  endorsingPeer: boolean;
  chaincodeQuery: boolean;
  ledgerQuery: boolean;
  eventSource: boolean;
}

export interface ProfileOptions {
  /** Only this channel (the org must be in it); default every channel the org is in. */
  channel?: string;
  /** The TLS CA certificates of an MSP (PEM); injected by tests, the MSP files otherwise. */
  tlsCaCerts?: (msp: MspModel) => string[];
  /** Reads an endpoint override's tlsCaCert file and the CA's ca.tlsCACert. */
  readPem?: (file: string) => string;
}

export type ProfileResult = { ok: true; profile: ConnectionProfile } | { ok: false; problem: string };

export function buildConnectionProfile(
  model: NetworkModel,
  organization: string,
  options: ProfileOptions = {},
): ProfileResult {
  const org = model.organizations.find((candidate) => candidate.name === organization);
  if (!org)
    return {
      ok: false,
      problem: `no organization '${organization}' in the spec${didYouMean(
        organization,
        model.organizations.map((o) => o.name),
      )}`,
    };
  const inChannel = (channel: ChannelModel) =>
    channel.members.includes(org.name) || channel.orderer.organizations.includes(org.name);
  let channels = model.channels.filter(inChannel);
  if (options.channel !== undefined) {
    const chosen = model.channels.find((channel) => channel.name === options.channel);
    if (!chosen)
      return {
        ok: false,
        problem: `no channel '${options.channel}' in the spec${didYouMean(
          options.channel,
          model.channels.map((c) => c.name),
        )}`,
      };
    if (!inChannel(chosen))
      return {
        ok: false,
        problem: `organization '${org.name}' is not in channel '${chosen.name}' (its channels: ${channels.map((c) => c.name).join(', ') || 'none'})`,
      };
    channels = [chosen];
  }

  const tlsOf = options.tlsCaCerts ?? tlsCaCertificates;
  const orgTls = new Map<string, string>();
  const tlsPemOf = (owner: OrganizationModel) => {
    if (!orgTls.has(owner.name)) orgTls.set(owner.name, tlsOf(owner.msp).join(''));
    return orgTls.get(owner.name)!;
  };
  const nodeEntry = (owner: OrganizationModel, nodeName: string, host: string, address: string): NodeEntry => {
    const override = model.connection.endpoints[`${owner.name}/${nodeName}`];
    return {
      url: grpcUrl(override?.url ?? address),
      tlsCACerts: { pem: override?.tlsCaCert ? (options.readPem ?? readPemFile)(override.tlsCaCert) : tlsPemOf(owner) },
      grpcOptions: { 'ssl-target-name-override': host, hostnameOverride: host },
    };
  };

  // Keyed by node name, never by host: two peers may share a host (127.0.0.1:7051 and :8051).
  const peers: Record<string, NodeEntry> = {};
  for (const peer of org.peers)
    peers[nodeName(org, peer.name)] = nodeEntry(org, peer.name, peer.address.host, nodeAddress(peer));

  const orderers: Record<string, NodeEntry> = {};
  const channelOrderers = new Map<string, string[]>();
  for (const channel of channels) {
    const hosts: string[] = [];
    for (const consenter of channel.orderer.consenters) {
      const owner = model.organizations.find((candidate) => candidate.name === consenter.organization);
      const orderer = owner?.orderers.find((node) => `${owner.name}/${node.name}` === consenter.ref);
      if (!owner || !orderer) continue;
      orderers[nodeName(owner, orderer.name)] ??= nodeEntry(
        owner,
        orderer.name,
        orderer.address.host,
        orderer.clientEndpoint,
      );
      hosts.push(nodeName(owner, orderer.name));
    }
    channelOrderers.set(channel.name, hosts);
  }

  const roles: PeerChannelRoles = { endorsingPeer: true, chaincodeQuery: true, ledgerQuery: true, eventSource: true };
  return {
    ok: true,
    profile: {
      name: `${model.name}-${org.name}`,
      version: '1.0.0',
      client: { organization: org.mspId, connection: { timeout: { peer: { endorser: '300' } } } },
      organizations: {
        [org.mspId]: {
          mspid: org.mspId,
          peers: org.peers.map((peer) => nodeName(org, peer.name)),
          // Only a CA the spec defines: an org without `ca` has none to reach.
          certificateAuthorities: org.ca.omitted ? [] : [org.ca.host],
        },
      },
      peers,
      orderers,
      certificateAuthorities: org.ca.omitted
        ? {}
        : {
            [org.ca.host]: {
              url: `https://${nodeAddress(org.ca)}`,
              ...(org.ca.requestName === undefined ? {} : { caName: org.ca.requestName }),
              tlsCACerts: {
                pem: org.ca.tlsCaCert ? [(options.readPem ?? readPemFile)(org.ca.tlsCaCert)] : tlsOf(org.msp),
              },
            },
          },
      channels: Object.fromEntries(
        channels.map((channel) => [
          channel.name,
          {
            orderers: channelOrderers.get(channel.name) ?? [],
            peers: Object.fromEntries(
              (channel.members.includes(org.name) ? org.peers : []).map((peer) => [
                nodeName(org, peer.name),
                { ...roles },
              ]),
            ),
          },
        ]),
      ),
    },
  };
}

/** `peer0.org1.example.com`: the node's name in its org's domain, as cryptogen names it; unique in the network. */
function nodeName(org: OrganizationModel, node: string): string {
  return `${node}.${org.domain}`;
}

/** `grpcs://host:port` unless the override already names a scheme (grpc:// for a plaintext test network). */
function grpcUrl(address: string): string {
  return /^[a-z]+:\/\//.test(address) ? address : `grpcs://${address}`;
}
