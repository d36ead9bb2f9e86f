// The `_lifecycle` system chaincode calls of Fabric's chaincode lifecycle, as `peer lifecycle chaincode ...`
// makes them: the definition every org must agree on (name, sequence, version, plugins, validation parameter,
// collections, init_required), built from the spec exactly as the plan computes it (plan-chaincodes.ts), and the
// queries that make apply idempotent (CheckCommitReadiness, QueryChaincodeDefinition).
import { fromJson, type ProtoMessage } from '../../compiler/fabric/index.js';
import type { ChaincodeModel, ChannelModel } from '../../compiler/model/network-model.js';
import { collectionPackageJson, desiredApplicationPolicy } from '../../compiler/plan/plan-chaincodes.js';
import type { SigningIdentity } from '../../governance/index.js';
import type { NodeConnection } from './grpc-connection.js';
import { endorse, makeProposal, type Proposal, ProposalRefusedError } from './proposals.js';
import { mustDecode, mustEncode } from './signed-envelopes.js';

export const LIFECYCLE = '_lifecycle';
const STATUS_NOT_FOUND = 404;

/** The fields shared by Approve..., CheckCommitReadiness and Commit... args (field numbers 1-8 are the same). */
export interface ChaincodeDefinition {
  sequence: number;
  name: string;
  version: string;
  endorsement_plugin: 'escc';
  validation_plugin: 'vscc';
  /** Marshalled protos.ApplicationPolicy. */
  validation_parameter: Uint8Array;
  /** protos.CollectionConfigPackage, absent when the chaincode has no private data collections. */
  collections?: ProtoMessage;
  init_required: boolean;
}

export function chaincodeDefinition(
  chaincode: ChaincodeModel,
  channel: ChannelModel,
): { value: ChaincodeDefinition } | { error: string } {
  const policy = desiredApplicationPolicy(chaincode, channel);
  if ('error' in policy) return { error: policy.error };
  let collections: ProtoMessage | undefined;
  if (chaincode.collections.length > 0) {
    const message = fromJson('protos.CollectionConfigPackage', collectionPackageJson(chaincode));
    if (!message.value) return { error: `collections do not encode: ${message.diagnostics[0]?.message}` };
    collections = message.value;
  }
  return {
    value: {
      sequence: chaincode.sequence,
      name: chaincode.name,
      version: chaincode.version,
      endorsement_plugin: 'escc',
      validation_plugin: 'vscc',
      validation_parameter: new Uint8Array(Buffer.from(policy.bytes, 'base64')),
      ...(collections ? { collections } : {}),
      init_required: chaincode.initRequired,
    },
  };
}

/** `approveformyorg`: source is the org's installed package, or "unavailable" (approve without a package). */
export function approveProposal(
  identity: SigningIdentity,
  channel: string,
  definition: ChaincodeDefinition,
  packageId: string | undefined,
): Proposal {
  const source = packageId ? { local_package: { package_id: packageId } } : { unavailable: {} };
  const args = mustEncode('lifecycle.ApproveChaincodeDefinitionForMyOrgArgs', {
    ...definition,
    source,
  } as unknown as ProtoMessage);
  return makeProposal(identity, channel, LIFECYCLE, ['ApproveChaincodeDefinitionForMyOrg', args]);
}

/** `commit`: the same definition, endorsed by enough orgs' peers to satisfy LifecycleEndorsement. */
export function commitProposal(identity: SigningIdentity, channel: string, definition: ChaincodeDefinition): Proposal {
  const args = mustEncode('lifecycle.CommitChaincodeDefinitionArgs', definitionMessage(definition));
  return makeProposal(identity, channel, LIFECYCLE, ['CommitChaincodeDefinition', args]);
}

/** `checkcommitreadiness`: which of the channel's orgs approved exactly this definition (MSP id -> approved). */
export async function checkCommitReadiness(
  connection: NodeConnection,
  identity: SigningIdentity,
  channel: string,
  definition: ChaincodeDefinition,
): Promise<Record<string, boolean>> {
  const args = mustEncode('lifecycle.CheckCommitReadinessArgs', definitionMessage(definition));
  const proposal = makeProposal(identity, channel, LIFECYCLE, ['CheckCommitReadiness', args]);
  const { payload } = await endorse(connection, proposal, `CheckCommitReadiness of ${definition.name} on ${channel}`);
  const result = mustDecode('lifecycle.CheckCommitReadinessResult', payload);
  return { ...((result.approvals ?? {}) as Record<string, boolean>) };
}

export interface CommittedDefinition {
  sequence: number;
  version: string;
  approvals: Record<string, boolean>;
}

/** `querycommitted --name`: the committed definition, or undefined when the chaincode is not defined (404). */
export async function queryCommittedDefinition(
  connection: NodeConnection,
  identity: SigningIdentity,
  channel: string,
  name: string,
): Promise<CommittedDefinition | undefined> {
  const args = mustEncode('lifecycle.QueryChaincodeDefinitionArgs', { name });
  const proposal = makeProposal(identity, channel, LIFECYCLE, ['QueryChaincodeDefinition', args]);
  try {
    const { payload } = await endorse(connection, proposal, `QueryChaincodeDefinition of ${name} on ${channel}`);
    const result = mustDecode('lifecycle.QueryChaincodeDefinitionResult', payload);
    return {
      sequence: Number(result.sequence ?? 0),
      version: String(result.version ?? ''),
      approvals: { ...((result.approvals ?? {}) as Record<string, boolean>) },
    };
  } catch (error) {
    // Fabric answers 404 "namespace <name> is not defined" for a chaincode never committed.
    if (error instanceof ProposalRefusedError && error.status === STATUS_NOT_FOUND) return undefined;
    throw error;
  }
}

function definitionMessage(definition: ChaincodeDefinition): ProtoMessage {
  return { ...definition } as unknown as ProtoMessage;
}

/** One package installed on a peer, as `peer lifecycle chaincode queryinstalled` lists it. */
export interface InstalledPackage {
  packageId: string;
  label: string;
}

/**
 * `queryinstalled`: every package installed on this peer. Like `install`, the query is addressed to the peer,
 * not to a channel (an empty channel id), and only an admin of the peer's own organization may make it.
 */
export async function queryInstalledChaincodes(
  connection: NodeConnection,
  identity: SigningIdentity,
): Promise<InstalledPackage[]> {
  const args = mustEncode('lifecycle.QueryInstalledChaincodesArgs', {});
  const proposal = makeProposal(identity, '', LIFECYCLE, ['QueryInstalledChaincodes', args]);
  const { payload } = await endorse(connection, proposal, 'QueryInstalledChaincodes');
  const result = mustDecode('lifecycle.QueryInstalledChaincodesResult', payload);
  return ((result.installed_chaincodes ?? []) as ProtoMessage[]).map((installed) => ({
    packageId: String(installed.package_id ?? ''),
    label: String(installed.label ?? ''),
  }));
}

/** `install`: the package's tar.gz bytes, sent as they are; the peer answers with the id it stored them under. */
export async function installChaincode(
  connection: NodeConnection,
  identity: SigningIdentity,
  packageBytes: Uint8Array,
): Promise<InstalledPackage & { txId: string }> {
  const args = mustEncode('lifecycle.InstallChaincodeArgs', { chaincode_install_package: packageBytes });
  const proposal = makeProposal(identity, '', LIFECYCLE, ['InstallChaincode', args]);
  const { payload } = await endorse(connection, proposal, 'InstallChaincode');
  const result = mustDecode('lifecycle.InstallChaincodeResult', payload);
  return { packageId: String(result.package_id ?? ''), label: String(result.label ?? ''), txId: proposal.txId };
}
