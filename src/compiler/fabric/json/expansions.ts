// Which message an opaque `bytes` field holds, by context — the rules of Fabric's protolator
// (common/tools/protolator/protoext), which configtxlator applies when it prints and reads JSON.
// A ConfigValue's content depends on its key *and* on the group it sits in, so ConfigGroups carry a kind.
import { CodecError } from '../proto/codec-error.js';
import type { ProtoMessage } from '../proto/wire.js';
import { decodeMessage } from '../proto/wire.js';

export type GroupKind =
  | 'Channel'
  | 'Orderer'
  | 'OrdererOrg'
  | 'Application'
  | 'ApplicationOrg'
  | 'Consortiums'
  | 'Consortium'
  | 'ConsortiumOrg';

const CONFIG_VALUES: Record<GroupKind, Record<string, string>> = {
  Channel: {
    HashingAlgorithm: 'common.HashingAlgorithm',
    BlockDataHashingStructure: 'common.BlockDataHashingStructure',
    OrdererAddresses: 'common.OrdererAddresses',
    Consortium: 'common.Consortium',
    Capabilities: 'common.Capabilities',
  },
  Orderer: {
    ConsensusType: 'orderer.ConsensusType',
    BatchSize: 'orderer.BatchSize',
    BatchTimeout: 'orderer.BatchTimeout',
    KafkaBrokers: 'orderer.KafkaBrokers',
    ChannelRestrictions: 'orderer.ChannelRestrictions',
    Capabilities: 'common.Capabilities',
    // Fabric 3: a BFT channel's consenter set (protoext/ordererext/configuration.go).
    Orderers: 'common.Orderers',
  },
  OrdererOrg: { MSP: 'msp.MSPConfig', Endpoints: 'common.OrdererAddresses' },
  Application: { Capabilities: 'common.Capabilities', ACLs: 'protos.ACLs' },
  ApplicationOrg: { MSP: 'msp.MSPConfig', AnchorPeers: 'protos.AnchorPeers' },
  Consortiums: {},
  Consortium: { ChannelCreationPolicy: 'common.Policy' },
  ConsortiumOrg: { MSP: 'msp.MSPConfig' },
};

/** The kind of a sub-group, or a CodecError where Fabric allows none (org groups have no sub-groups). */
export function subGroupKind(parent: GroupKind, key: string, path: string): GroupKind {
  switch (parent) {
    case 'Channel':
      if (key === 'Orderer' || key === 'Application' || key === 'Consortiums') return key;
      throw new CodecError(
        `unknown channel group sub-group '${key}' (expected Orderer, Application or Consortiums)`,
        path,
      );
    case 'Orderer':
      return 'OrdererOrg';
    case 'Application':
      return 'ApplicationOrg';
    case 'Consortiums':
      return 'Consortium';
    case 'Consortium':
      return 'ConsortiumOrg';
    default:
      throw new CodecError(`a ${parent} group has no sub-groups`, path);
  }
}

/** The message inside `values[key].value` of a group of this kind. */
export function configValueType(kind: GroupKind, key: string, path: string): string {
  const type = CONFIG_VALUES[kind][key];
  if (type) return type;
  const known = Object.keys(CONFIG_VALUES[kind]);
  throw new CodecError(
    `unknown ${kind} config value '${key}'${known.length ? ` (expected one of ${known.join(', ')})` : ''}`,
    path,
  );
}

// Header types (common.HeaderType) that decide what Payload.data holds.
const HEADER_MESSAGE = 0;
const HEADER_CONFIG = 1;
const HEADER_CONFIG_UPDATE = 2;
const HEADER_ENDORSER_TRANSACTION = 3;
const HEADER_ORDERER_TRANSACTION = 4;

type OpaqueRule = (message: ProtoMessage, path: string) => string;

/**
 * Bytes fields that hold a marshalled message, keyed `<message type>.<field>`. The rule returns the type of
 * the embedded message (it may depend on sibling fields, already decoded or built), or throws a CodecError.
 */
const OPAQUE_FIELDS: Record<string, OpaqueRule> = {
  'common.Envelope.payload': () => 'common.Payload',
  'common.Header.channel_header': () => 'common.ChannelHeader',
  'common.Header.signature_header': () => 'common.SignatureHeader',
  'common.SignatureHeader.creator': () => 'msp.SerializedIdentity',
  'common.BlockData.data': () => 'common.Envelope',
  'common.ConfigUpdateEnvelope.config_update': () => 'common.ConfigUpdate',
  'common.ConfigSignature.signature_header': () => 'common.SignatureHeader',
  'common.Payload.data': payloadDataType,
  'common.ChannelHeader.extension': (message, path) => {
    if (Number(message.type ?? 0) === HEADER_ENDORSER_TRANSACTION) return unsupportedEndorserTransaction(path);
    throw new CodecError('a channel header extension is only valid for endorser transactions', path);
  },
  'common.Policy.value': (message, path) => {
    const type = Number(message.type ?? 0);
    if (type === 1) return 'common.SignaturePolicyEnvelope';
    if (type === 3) return 'common.ImplicitMetaPolicy';
    throw new CodecError(`unable to decode policy type ${type}`, path);
  },
  'msp.MSPConfig.config': (message, path) => {
    const type = Number(message.type ?? 0);
    if (type === 0) return 'msp.FabricMSPConfig';
    if (type === 1) return 'msp.IdemixMSPConfig';
    throw new CodecError(`unable to decode MSP type ${type}`, path);
  },
  'common.MSPPrincipal.principal': (message, path) => {
    const classification = Number(message.principal_classification ?? 0);
    if (classification === 0) return 'common.MSPRole';
    if (classification === 1) return 'common.OrganizationUnit';
    if (classification === 2) return 'msp.SerializedIdentity';
    throw new CodecError(`unable to decode principal classification ${classification}`, path);
  },
  'orderer.ConsensusType.metadata': (message) => {
    if (message.type === 'etcdraft') return 'etcdraft.ConfigMetadata';
    if (message.type === 'BFT') return 'orderer.smartbft.Options';
    return 'google.protobuf.Empty';
  },
  'common.ConfigUpdate.isolated_data': (_message, path) => {
    throw new CodecError('no isolated data types are known', path);
  },
};

function payloadDataType(message: ProtoMessage, path: string): string {
  const header = message.header as ProtoMessage | null | undefined;
  const channelHeaderBytes = header?.channel_header as Uint8Array | undefined;
  if (!header) throw new CodecError('cannot determine payload type when header is missing', path);
  const channelHeader = decodeMessage('common.ChannelHeader', channelHeaderBytes ?? new Uint8Array(), path);
  const type = Number(channelHeader.type ?? 0);
  switch (type) {
    case HEADER_CONFIG:
      return 'common.ConfigEnvelope';
    case HEADER_CONFIG_UPDATE:
      return 'common.ConfigUpdateEnvelope';
    case HEADER_ORDERER_TRANSACTION:
      return 'common.Envelope';
    case HEADER_MESSAGE:
      return 'common.ConfigValue';
    case HEADER_ENDORSER_TRANSACTION:
      return unsupportedEndorserTransaction(path);
    default:
      throw new CodecError(`decoding payload type ${type} is unimplemented`, path);
  }
}

function unsupportedEndorserTransaction(path: string): never {
  throw new CodecError('endorser transactions are not supported: netspec decodes configuration transactions', path);
}

// By type, then field: asked for every field of every message converted, so no string is built per question.
const OPAQUE_BY_TYPE = new Map<string, Map<string, OpaqueRule>>();
for (const [key, rule] of Object.entries(OPAQUE_FIELDS)) {
  const split = key.lastIndexOf('.');
  const typeName = key.slice(0, split);
  if (!OPAQUE_BY_TYPE.has(typeName)) OPAQUE_BY_TYPE.set(typeName, new Map());
  OPAQUE_BY_TYPE.get(typeName)!.set(key.slice(split + 1), rule);
}

/** The rule for `field` of `typeName`, if that field is opaque. */
export function opaqueFieldRule(typeName: string, field: string): OpaqueRule | undefined {
  return OPAQUE_BY_TYPE.get(typeName)?.get(field);
}

/** Fields that hold a whole channel group (the root of the kind-dependent ConfigValue rules). */
export function channelGroupField(typeName: string, field: string): boolean {
  return (
    (typeName === 'common.Config' && field === 'channel_group') ||
    (typeName === 'common.ConfigUpdate' && (field === 'read_set' || field === 'write_set'))
  );
}
