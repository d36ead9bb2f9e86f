// Every certificate a network depends on, with when it expires: each organization's MSP CAs, intermediates, TLS
// CAs, admins, its nodes' TLS certificates, and each channel's consenter certificates. Read from the files the
// spec names (MSP folders read as Fabric reads them, nodes' certificates where the spec or `netspec crypto` puts
// them) and from the live channel configs. The facts are the same for the same inputs (no clock): plan.json
// carries them, and what is "soon" is decided by whoever reads them (expiry-warnings.ts, status).
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsedCertificateOrUndefined } from '../../crypto/parsed-certificates.js';
import type { Certificate } from '../../crypto/read-certificate.js';
import { decode, type ProtoMessage } from '../fabric/codec.js';
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import type { DataPath } from '../parse/index.js';

export type CertificateKind =
  | 'ca'
  | 'intermediate'
  | 'tls-ca'
  | 'tls-intermediate'
  | 'admin'
  | 'node-tls'
  | 'consenter-tls'
  | 'consenter-identity';

export interface CertificateFact {
  kind: CertificateKind;
  /** The organization's name in the spec, or the MSP id of one only the live config has. */
  organization: string;
  /** The node, for node and consenter certificates. */
  node?: string;
  /** The subject as `CN=…, O=…` (RFC 2253 order as node:crypto prints it). */
  subject: string;
  /** ISO 8601, UTC. */
  notAfter: string;
  /** SHA-256 of the DER, hex: one certificate named in several places is one fact. */
  sha256: string;
  /** Where it is named: files relative to the spec's folder, and live configs as `state/fabric/<channel>.block`. */
  sources: string[];
  /** Where the spec names it (the MSP folder, the list entry, the node), for positioned warnings. */
  at?: DataPath;
}

/** One live channel config, decoded (common.Config as the state reader gives it), with the file it was read from. */
export interface LiveConfigSource {
  channel: string;
  /** The file as it should be shown (relative to the spec folder when it is under it). */
  file: string;
  config: ProtoMessage;
}

const MSP_FOLDERS: readonly [string, CertificateKind][] = [
  ['cacerts', 'ca'],
  ['intermediatecerts', 'intermediate'],
  ['tlscacerts', 'tls-ca'],
  ['tlsintermediatecerts', 'tls-intermediate'],
  ['admincerts', 'admin'],
];

/** The certificates of `model` (from the files it names) and of the live configs, one fact per certificate and role. */
export function certificateInventory(model: NetworkModel, live: readonly LiveConfigSource[] = []): CertificateFact[] {
  const facts = new Map<string, CertificateFact>();
  const add = (
    certificate: Certificate | undefined,
    fact: Omit<CertificateFact, 'subject' | 'notAfter' | 'sha256' | 'sources'>,
    source: string,
  ) => {
    if (!certificate) return; // validate reports unreadable spec files; a live config Fabric accepted parses.
    const sha256 = certificate.sha256;
    const key = [sha256, fact.kind, fact.organization, fact.node ?? ''].join('\0');
    const known = facts.get(key);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      if (!known.at && fact.at) known.at = fact.at;
      return;
    }
    facts.set(key, {
      kind: fact.kind,
      organization: fact.organization,
      ...(fact.node !== undefined ? { node: fact.node } : {}),
      subject: certificate.subject,
      notAfter: new Date(certificate.notAfter).toISOString(),
      sha256,
      sources: [source],
      ...(fact.at ? { at: fact.at } : {}),
    });
  };
  const shown = (file: string) => relative(model.specDir, file) || file;
  const fromFile = (file: string, fact: Omit<CertificateFact, 'subject' | 'notAfter' | 'sha256' | 'sources'>) => {
    const bytes = readOrUndefined(file);
    if (bytes) add(parsedCertificateOrUndefined(bytes), fact, shown(file));
  };

  for (const org of model.organizations) {
    const organization = org.name;
    const msp: DataPath = ['organizations', organization, 'msp'];
    if (org.msp.directory)
      for (const [folder, kind] of MSP_FOLDERS)
        for (const file of filesIn(join(org.msp.directory, folder)))
          fromFile(file, { kind, organization, at: [...msp, 'directory'] });
    const lists: [string[], CertificateKind, string][] = [
      [org.msp.caCerts, 'ca', 'caCerts'],
      [org.msp.intermediateCerts, 'intermediate', 'intermediateCerts'],
      [org.msp.tlsCaCerts, 'tls-ca', 'tlsCaCerts'],
      [org.msp.tlsIntermediateCerts, 'tls-intermediate', 'tlsIntermediateCerts'],
      [org.msp.adminCerts, 'admin', 'adminCerts'],
    ];
    for (const [files, kind, field] of lists)
      for (const [index, file] of files.entries()) fromFile(file, { kind, organization, at: [...msp, field, index] });
    if (org.msp.adminIdentity)
      fromFile(org.msp.adminIdentity, { kind: 'admin', organization, at: [...msp, 'adminIdentity'] });
    org.peers.forEach((peer, index) => {
      // The spec names no peer TLS file: it is where `netspec crypto` writes it, when it is there.
      const file = join(model.specDir, 'crypto', organization, 'peers', peer.host, 'tls', 'server.crt');
      fromFile(file, {
        kind: 'node-tls',
        organization,
        node: peer.name,
        at: ['organizations', organization, 'peers', index],
      });
    });
    org.orderers.forEach((orderer, index) => {
      const at: DataPath = ['organizations', organization, 'orderers', index];
      fromFile(orderer.tlsCert, { kind: 'node-tls', organization, node: orderer.name, at: [...at, 'tlsCert'] });
      if (orderer.clientTlsCert !== orderer.tlsCert)
        fromFile(orderer.clientTlsCert, {
          kind: 'node-tls',
          organization,
          node: orderer.name,
          at: [...at, 'clientTlsCert'],
        });
    });
  }
  for (const channel of model.channels)
    channel.orderer.consenters.forEach((consenter, index) => {
      const at: DataPath = ['channels', channel.name, 'orderer', 'consenters', index];
      const node = consenter.ref.split('/')[1]!;
      const organization = consenter.organization;
      for (const file of new Set([consenter.tlsCert, consenter.clientTlsCert]))
        fromFile(file, { kind: 'consenter-tls', organization, node, at });
      if (consenter.identityCert)
        fromFile(consenter.identityCert, { kind: 'consenter-identity', organization, node, at });
    });

  for (const source of live) {
    const organizationOf = (mspId: string) => model.organizations.find((o) => o.mspId === mspId)?.name ?? mspId;
    for (const msp of liveMsps(source.config))
      for (const [field, kind] of LIVE_MSP_FIELDS)
        for (const pem of msp.certificates(field))
          add(pem, { kind, organization: organizationOf(msp.mspId) }, source.file);
    for (const consenter of liveConsenters(source.config)) {
      const ref = nodeAt(model, consenter.host, consenter.port);
      const organization = ref?.organization.name ?? (consenter.mspId ? organizationOf(consenter.mspId) : '?');
      const node = ref?.node ?? `${consenter.host}:${consenter.port}`;
      for (const pem of consenter.tls) add(pem, { kind: 'consenter-tls', organization, node }, source.file);
      if (consenter.identity) add(consenter.identity, { kind: 'consenter-identity', organization, node }, source.file);
    }
  }
  return [...facts.values()].sort(
    (a, b) =>
      a.organization.localeCompare(b.organization) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.node ?? '').localeCompare(b.node ?? '') ||
      a.notAfter.localeCompare(b.notAfter) ||
      a.sha256.localeCompare(b.sha256),
  );
}

const KIND_ORDER: readonly CertificateKind[] = [
  'ca',
  'intermediate',
  'tls-ca',
  'tls-intermediate',
  'admin',
  'node-tls',
  'consenter-tls',
  'consenter-identity',
];

/** Fabric's FabricMSPConfig fields (msp/msp_config.proto) holding certificates. */
const LIVE_MSP_FIELDS: readonly [string, CertificateKind][] = [
  ['root_certs', 'ca'],
  ['intermediate_certs', 'intermediate'],
  ['tls_root_certs', 'tls-ca'],
  ['tls_intermediate_certs', 'tls-intermediate'],
  ['admins', 'admin'],
];

interface LiveMsp {
  mspId: string;
  certificates(field: string): (Certificate | undefined)[];
}

// The live configs are read from their decoded messages, decoding only the values that hold certificates: turning
// every live config into configtxlator JSON first cost a 200-organization plan some 60 ms.

/** Every organization's FABRIC MSP in the Application and Orderer groups (msp/msp_config.proto). */
function liveMsps(config: ProtoMessage): LiveMsp[] {
  const msps: LiveMsp[] = [];
  for (const section of ['Application', 'Orderer']) {
    for (const group of Object.values(groupsOf(groupsOf(channelGroupOf(config))[section]))) {
      const mspConfig = decodedValue(group, 'MSP', 'msp.MSPConfig');
      // MSPConfig.type 0 is FABRIC; an idemix MSP (1) holds no certificates.
      if (!mspConfig || Number(mspConfig.type ?? 0) !== 0) continue;
      const msp = decodedOrUndefined('msp.FabricMSPConfig', mspConfig.config);
      if (!msp) continue;
      msps.push({ mspId: String(msp.name ?? ''), certificates: (field) => certificatesOf(msp[field]) });
    }
  }
  return msps;
}

interface LiveConsenter {
  host: string;
  port: number;
  mspId?: string;
  tls: (Certificate | undefined)[];
  identity?: Certificate | undefined;
}

/** Raft consenters (etcdraft ConfigMetadata) and BFT consenters (the Orderers value's consenter_mapping). */
function liveConsenters(config: ProtoMessage): LiveConsenter[] {
  const consenters: LiveConsenter[] = [];
  const orderer = groupsOf(channelGroupOf(config)).Orderer;
  const consensus = decodedValue(orderer, 'ConsensusType', 'orderer.ConsensusType');
  const raft =
    consensus?.type === 'etcdraft' ? decodedOrUndefined('etcdraft.ConfigMetadata', consensus.metadata) : undefined;
  for (const consenter of messagesOf(raft?.consenters))
    consenters.push({
      host: String(consenter.host ?? ''),
      port: Number(consenter.port ?? 0),
      tls: certificatesOf([consenter.server_tls_cert, consenter.client_tls_cert]),
    });
  for (const consenter of messagesOf(decodedValue(orderer, 'Orderers', 'common.Orderers')?.consenter_mapping)) {
    const [identity] = certificatesOf([consenter.identity]);
    consenters.push({
      host: String(consenter.host ?? ''),
      port: Number(consenter.port ?? 0),
      mspId: String(consenter.msp_id ?? ''),
      tls: certificatesOf([consenter.server_tls_cert, consenter.client_tls_cert]),
      ...(identity ? { identity } : {}),
    });
  }
  return consenters;
}

function channelGroupOf(config: ProtoMessage): ProtoMessage | undefined {
  return config.channel_group as ProtoMessage | undefined;
}

function groupsOf(group: ProtoMessage | undefined): Record<string, ProtoMessage> {
  return (group?.groups as Record<string, ProtoMessage> | undefined) ?? {};
}

/** The value `name` of a config group, decoded as `type`; undefined when absent or not one (Fabric accepted it). */
function decodedValue(group: ProtoMessage | undefined, name: string, type: string): ProtoMessage | undefined {
  const values = group?.values as Record<string, ProtoMessage> | undefined;
  return decodedOrUndefined(type, values?.[name]?.value);
}

function decodedOrUndefined(type: string, bytes: unknown): ProtoMessage | undefined {
  return bytes instanceof Uint8Array ? decode(type, bytes).value : undefined;
}

function messagesOf(value: unknown): ProtoMessage[] {
  return Array.isArray(value) ? (value as ProtoMessage[]) : [];
}

/** Certificates as Fabric's configs hold them (PEM bytes; an empty field is none). */
function certificatesOf(value: unknown): (Certificate | undefined)[] {
  return (Array.isArray(value) ? value : [])
    .filter((item): item is Uint8Array => item instanceof Uint8Array && item.length > 0)
    .map((bytes) => parsedCertificateOrUndefined(bytes));
}

function nodeAt(
  model: NetworkModel,
  host: string,
  port: number,
): { organization: OrganizationModel; node: string } | undefined {
  for (const organization of model.organizations)
    for (const orderer of organization.orderers)
      if (orderer.host === host && orderer.port === port) return { organization, node: orderer.name };
  return undefined;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The files of an MSP sub-folder in name order, as Fabric reads it; none when the folder is absent. */
function filesIn(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && isFile(join(dir, entry.name))))
    .map((entry) => join(dir, entry.name))
    .sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
