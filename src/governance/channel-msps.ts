// The MSPs a channel trusts, read from its *live* config (the MSP values of the application and orderer org
// groups), never from files on disk: an org's CA on disk may differ from the one the orderer will check against.
import type { ConfigGroupJson, ConfigJson } from '../compiler/fabric/index.js';
import { parseCertificatePem } from '../crypto/load-certificate.js';
import type { Certificate } from '../crypto/read-certificate.js';
import { parseRevocationList, type RevocationList } from './revocation-list.js';

export interface OuIdentifier {
  ou: string;
  /** The CA the OU is bound to, when the MSP config names one. */
  certificate?: Certificate;
}

export interface ChannelMsp {
  mspId: string;
  roots: Certificate[];
  intermediates: Certificate[];
  /** admincerts: identities that are admins by listing. */
  admins: Certificate[];
  /** Present when fabric_node_ous.enable is true. */
  nodeOUs?: { client?: OuIdentifier; peer?: OuIdentifier; admin?: OuIdentifier; orderer?: OuIdentifier };
  /** organizational_unit_identifiers: with NodeOUs off, a valid identity must carry one of them. */
  ouIdentifiers: OuIdentifier[];
  /** revocation_list, parsed. */
  revocationLists: RevocationList[];
  /** Why the MSP cannot be set up as Fabric would (an unreadable CRL): then no identity of it is valid. */
  setupProblems: string[];
}

interface FabricMspJson {
  name?: string;
  root_certs?: string[];
  intermediate_certs?: string[];
  admins?: string[];
  revocation_list?: string[];
  organizational_unit_identifiers?: OuJson[];
  fabric_node_ous?: {
    enable?: boolean;
    client_ou_identifier?: OuJson | null;
    peer_ou_identifier?: OuJson | null;
    admin_ou_identifier?: OuJson | null;
    orderer_ou_identifier?: OuJson | null;
  } | null;
}

interface OuJson {
  certificate?: string;
  organizational_unit_identifier?: string;
}

/** Every MSP defined anywhere in the channel config, by MSP id (the MSP config's name, as Fabric's MSP manager keys it). */
export function channelMsps(config: ConfigJson): Map<string, ChannelMsp> {
  const msps = new Map<string, ChannelMsp>();
  const visit = (group: ConfigGroupJson) => {
    const value = group.values?.MSP?.value as { type?: number; config?: FabricMspJson } | undefined;
    // type 0 is FABRIC; idemix MSPs do not sign config updates.
    if (value?.config?.name && (value.type ?? 0) === 0) {
      const msp = mspOf(value.config);
      msps.set(msp.mspId, msp);
    }
    for (const child of Object.values(group.groups ?? {})) visit(child);
  };
  visit(config.channel_group);
  return msps;
}

/**
 * One ChannelMsp per distinct MSP config: an organization in fifty channels has the same MSP value in each, so its
 * certificates are parsed once, and an identity judged under it (msp-identity.ts remembers per ChannelMsp) is
 * judged once. Keyed by the config's content, never by where it was found.
 */
const readMsps = new Map<string, ChannelMsp>();
const MAX_REMEMBERED_MSPS = 4096;

function mspOf(config: FabricMspJson): ChannelMsp {
  const content = JSON.stringify(config);
  let msp = readMsps.get(content);
  if (!msp) {
    msp = readMsp(config);
    if (readMsps.size >= MAX_REMEMBERED_MSPS) readMsps.clear();
    readMsps.set(content, msp);
  }
  return msp;
}

function readMsp(config: FabricMspJson): ChannelMsp {
  const ous = config.fabric_node_ous;
  const revocationLists: RevocationList[] = [];
  const setupProblems: string[] = [];
  (config.revocation_list ?? []).forEach((value, index) => {
    const parsed = parseRevocationList(Buffer.from(value, 'base64'));
    if ('error' in parsed) setupProblems.push(`revocation_list[${index}] of ${config.name}: ${parsed.error}`);
    else revocationLists.push(parsed);
  });
  return {
    mspId: config.name ?? '',
    roots: certificates(config.root_certs),
    intermediates: certificates(config.intermediate_certs),
    admins: certificates(config.admins),
    ouIdentifiers: (config.organizational_unit_identifiers ?? []).flatMap((json) => Object.values(ouOf('v1', json))),
    revocationLists,
    setupProblems,
    ...(ous?.enable
      ? {
          nodeOUs: {
            ...ouOf('client', ous.client_ou_identifier),
            ...ouOf('peer', ous.peer_ou_identifier),
            ...ouOf('admin', ous.admin_ou_identifier),
            ...ouOf('orderer', ous.orderer_ou_identifier),
          },
        }
      : {}),
  };
}

function ouOf(role: string, json: OuJson | null | undefined): Record<string, OuIdentifier> {
  if (!json?.organizational_unit_identifier) return {};
  const certificate = json.certificate ? certificates([json.certificate])[0] : undefined;
  return { [role]: { ou: json.organizational_unit_identifier, ...(certificate ? { certificate } : {}) } };
}

/** configtxlator prints certificate bytes as base64 of the PEM text. */
function certificates(values: readonly string[] | undefined): Certificate[] {
  const out: Certificate[] = [];
  for (const value of values ?? []) {
    const loaded = parseCertificatePem(Buffer.from(value, 'base64').toString('utf8'), 'MSP config');
    if (loaded.ok) out.push(loaded.certificate);
  }
  return out;
}
