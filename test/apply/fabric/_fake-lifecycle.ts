// The fake peer's `_lifecycle` system chaincode, with Fabric's protobuf args and results: approvals kept per
// channel, chaincode and org; committed definitions per channel. Proposals are simulated (checked, answered,
// nothing written); a transaction changes the state only when the orderer hands it over and it validates as a
// peer's committer would: the proposal hash ties the endorsed result to the carried proposal, every endorsement
// signature verifies against the channel's MSPs, an approval is endorsed by the approving org's own peer, and a
// commit has approvals and endorsements of a MAJORITY of the application orgs (the default LifecycleEndorsement).
// Like Fabric, an approval naming a package id does not require that package to be installed on the peer: an org
// may approve before (or without) installing; the peer runs the chaincode once both are there.
import { createHash } from 'node:crypto';
import { mustDecode, mustEncode } from '../../../src/apply/fabric/signed-envelopes.js';
import type { ConfigJson, ProtoMessage } from '../../../src/compiler/fabric/index.js';
import { identitySigning, isMspMember } from './_orderer-judge.js';

export interface LifecycleAnswer {
  status: number;
  message: string;
  payload?: Uint8Array;
}

interface Approval {
  sequence: number;
  /** Hex of the definition's canonical encoding (CheckCommitReadinessArgs fields 1-8). */
  key: string;
  packageId?: string;
}

/** What the committer decided about each endorser transaction it received. */
export interface ValidatedTx {
  txId: string;
  fn: string;
  creator: string;
  valid: boolean;
  reason: string;
}

export class FakeLifecycle {
  /** channel -> committed definitions (lifecycle.QueryChaincodeDefinitionsResult.ChaincodeDefinition objects). */
  readonly committed = new Map<string, ProtoMessage[]>();
  /** `channel/name` -> MSP id -> approval. */
  readonly approvals = new Map<string, Map<string, Approval>>();
  readonly validated: ValidatedTx[] = [];

  constructor(initial: Record<string, ProtoMessage> = {}) {
    for (const [channel, result] of Object.entries(initial))
      this.committed.set(channel, [...((result.chaincode_definitions ?? []) as ProtoMessage[])]);
  }

  /** QueryChaincodeDefinitions' result for the channel. */
  definitions(channel: string): ProtoMessage {
    return { chaincode_definitions: this.committed.get(channel) ?? [] };
  }

  /** A proposal to `_lifecycle` (simulation only). `peerMsp` is the MSP of the peer that was asked. */
  simulate(
    channel: string,
    config: ConfigJson,
    fn: string,
    arg: Uint8Array,
    creatorMsp: string,
    peerMsp: string,
  ): LifecycleAnswer {
    const orgs = applicationMsps(config);
    if (fn === 'ApproveChaincodeDefinitionForMyOrg') {
      const args = mustDecode('lifecycle.ApproveChaincodeDefinitionForMyOrgArgs', arg);
      if (creatorMsp !== peerMsp)
        return fail(500, `an approval for ${creatorMsp} must be endorsed by its own peer, not ${peerMsp}'s`);
      const refused = this.sequenceProblem(channel, args);
      if (refused) return fail(500, refused);
      return ok(mustEncode('lifecycle.ApproveChaincodeDefinitionForMyOrgResult', {}));
    }
    if (fn === 'CheckCommitReadiness') {
      const args = mustDecode('lifecycle.CheckCommitReadinessArgs', arg);
      const refused = this.sequenceProblem(channel, args, { committedAllowed: false });
      if (refused) return fail(500, refused);
      return ok(mustEncode('lifecycle.CheckCommitReadinessResult', { approvals: this.readiness(channel, args, orgs) }));
    }
    if (fn === 'CommitChaincodeDefinition') {
      const args = mustDecode('lifecycle.CommitChaincodeDefinitionArgs', arg);
      const refused = this.sequenceProblem(channel, args, { committedAllowed: false });
      if (refused) return fail(500, refused);
      if (!this.readiness(channel, args, orgs)[peerMsp])
        return fail(500, `chaincode definition not agreed to by this org (${peerMsp})`);
      return ok(mustEncode('lifecycle.CommitChaincodeDefinitionResult', {}));
    }
    if (fn === 'QueryChaincodeDefinition') {
      const name = String(mustDecode('lifecycle.QueryChaincodeDefinitionArgs', arg).name ?? '');
      const definition = this.committedDefinition(channel, name);
      if (!definition) return fail(404, `namespace ${name} is not defined`);
      return ok(
        mustEncode('lifecycle.QueryChaincodeDefinitionResult', {
          ...definition,
          approvals: this.readiness(channel, definition, orgs),
        }),
      );
    }
    return fail(500, `unknown function _lifecycle.${fn}`);
  }

  /**
   * An endorser transaction delivered by the orderer, validated and applied as a peer's committer would.
   * `header` is the payload's common.Header, `transaction` the protos.Transaction bytes.
   */
  commit(
    txId: string,
    config: ConfigJson,
    header: ProtoMessage,
    transaction: Uint8Array,
    creatorMsp: string,
  ): ValidatedTx {
    const channel = String(mustDecode('common.ChannelHeader', header.channel_header as Uint8Array).channel_id ?? '');
    const record = (fn: string, valid: boolean, reason: string): ValidatedTx => {
      const verdict = { txId, fn, creator: creatorMsp, valid, reason };
      this.validated.push(verdict);
      return verdict;
    };
    const action = ((mustDecode('protos.Transaction', transaction).actions ?? []) as ProtoMessage[])[0];
    if (!action) return record('?', false, 'no action');
    const payload = mustDecode('protos.ChaincodeActionPayload', action.payload as Uint8Array);
    const proposalPayload = payload.chaincode_proposal_payload as Uint8Array;
    const endorsed = payload.action as ProtoMessage;
    const responsePayload = endorsed.proposal_response_payload as Uint8Array;
    const input = mustDecode(
      'protos.ChaincodeInvocationSpec',
      mustDecode('protos.ChaincodeProposalPayload', proposalPayload).input as Uint8Array,
    );
    const args = (((input.chaincode_spec as ProtoMessage).input as ProtoMessage).args ?? []) as Uint8Array[];
    const fn = new TextDecoder().decode(args[0]);
    const expectedHash = proposalHash(header, proposalPayload);
    const carriedHash = mustDecode('protos.ProposalResponsePayload', responsePayload).proposal_hash as Uint8Array;
    if (!Buffer.from(expectedHash).equals(Buffer.from(carriedHash ?? [])))
      return record(fn, false, 'BAD_RESPONSE_PAYLOAD: the proposal hash does not match the transaction');
    const endorsers = new Set<string>();
    for (const endorsement of (endorsed.endorsements ?? []) as ProtoMessage[]) {
      // The endorser signs ProposalResponsePayload || its serialized identity (protoutil.CreateProposalResponse).
      const serialized = endorsement.endorser as Uint8Array;
      const signed = Buffer.concat([responsePayload, serialized]);
      const identity = identitySigning(config, serialized, signed, endorsement.signature as Uint8Array);
      if (!identity) return record(fn, false, 'ENDORSEMENT_POLICY_FAILURE: an endorsement signature does not verify');
      if (!isMspMember(config, identity))
        return record(fn, false, `ENDORSEMENT_POLICY_FAILURE: the endorser is not a valid member of ${identity.mspId}`);
      endorsers.add(identity.mspId);
    }
    const orgs = applicationMsps(config);
    const majority = Math.floor(orgs.length / 2) + 1;
    if (fn === 'ApproveChaincodeDefinitionForMyOrg') {
      const definition = mustDecode('lifecycle.ApproveChaincodeDefinitionForMyOrgArgs', args[1]!);
      if (!endorsers.has(creatorMsp))
        return record(fn, false, `ENDORSEMENT_POLICY_FAILURE: not endorsed by ${creatorMsp}'s peer`);
      const problem = this.sequenceProblem(channel, definition);
      if (problem) return record(fn, false, problem);
      const key = `${channel}/${definition.name}`;
      if (!this.approvals.has(key)) this.approvals.set(key, new Map());
      const source = definition.source as ProtoMessage | null;
      const local = source?.local_package as ProtoMessage | null | undefined;
      this.approvals.get(key)!.set(creatorMsp, {
        sequence: Number(definition.sequence),
        key: definitionKey(definition),
        ...(local?.package_id ? { packageId: String(local.package_id) } : {}),
      });
      return record(fn, true, 'approved');
    }
    if (fn === 'CommitChaincodeDefinition') {
      const definition = mustDecode('lifecycle.CommitChaincodeDefinitionArgs', args[1]!);
      const problem = this.sequenceProblem(channel, definition, { committedAllowed: false });
      if (problem) return record(fn, false, problem);
      const approvedBy = Object.entries(this.readiness(channel, definition, orgs)).filter(([, yes]) => yes).length;
      if (approvedBy < majority)
        return record(fn, false, `approved by ${approvedBy} of ${orgs.length} orgs; ${majority} needed`);
      const endorsing = orgs.filter((msp) => endorsers.has(msp)).length;
      if (endorsing < majority)
        return record(fn, false, `ENDORSEMENT_POLICY_FAILURE: endorsed by ${endorsing} orgs; ${majority} needed`);
      const { sequence, name, version, endorsement_plugin, validation_plugin, validation_parameter } = definition;
      const entry: ProtoMessage = {
        name,
        sequence,
        version,
        endorsement_plugin,
        validation_plugin,
        validation_parameter,
        collections: definition.collections ?? null,
        init_required: definition.init_required ?? false,
      };
      const list = (this.committed.get(channel) ?? []).filter((d) => d.name !== name);
      this.committed.set(channel, [...list, entry]);
      return record(fn, true, 'committed');
    }
    return record(fn, false, `not a transaction function: ${fn}`);
  }

  private committedDefinition(channel: string, name: string): ProtoMessage | undefined {
    return (this.committed.get(channel) ?? []).find((d) => d.name === name);
  }

  /** Fabric's rule: the next definition has sequence committed + 1; an approval may also repeat the committed one. */
  private sequenceProblem(
    channel: string,
    args: ProtoMessage,
    options: { committedAllowed?: boolean } = {},
  ): string | undefined {
    const current = this.committedDefinition(channel, String(args.name ?? ''));
    const committed = Number(current?.sequence ?? 0);
    const requested = Number(args.sequence ?? 0);
    if (requested === committed + 1) return undefined;
    if (
      options.committedAllowed !== false &&
      current &&
      requested === committed &&
      definitionKey(args) === definitionKey(current)
    )
      return undefined;
    return `requested sequence is ${requested}, but new definition must be sequence ${committed + 1}`;
  }

  private readiness(channel: string, args: ProtoMessage, orgs: string[]): Record<string, boolean> {
    const approvals = this.approvals.get(`${channel}/${args.name}`);
    const key = definitionKey(args);
    return Object.fromEntries(orgs.map((msp) => [msp, approvals?.get(msp)?.key === key]));
  }
}

/** The fields every org must agree on, encoded canonically (the arg messages share field numbers 1-8). */
function definitionKey(args: ProtoMessage): string {
  const { sequence, name, version, endorsement_plugin, validation_plugin, validation_parameter, init_required } = args;
  const collections = args.collections as ProtoMessage | null | undefined;
  const hasCollections = ((collections?.config ?? []) as unknown[]).length > 0;
  return Buffer.from(
    mustEncode('lifecycle.CheckCommitReadinessArgs', {
      // Every field spelled out: decoded messages leave defaults unset, and an unset field encodes differently.
      sequence: Number(sequence ?? 0),
      name: String(name ?? ''),
      version: String(version ?? ''),
      endorsement_plugin: String(endorsement_plugin ?? ''),
      validation_plugin: String(validation_plugin ?? ''),
      validation_parameter: (validation_parameter as Uint8Array | null | undefined) ?? new Uint8Array(),
      ...(hasCollections ? { collections } : {}),
      init_required: Boolean(init_required),
    }),
  ).toString('hex');
}

/** Fabric's proposal hash (protoutil.GetProposalHash1): channel header, signature header, proposal payload. */
export function proposalHash(header: ProtoMessage, proposalPayload: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha256')
      .update(header.channel_header as Uint8Array)
      .update(header.signature_header as Uint8Array)
      .update(proposalPayload)
      .digest(),
  );
}

export function applicationMsps(config: ConfigJson): string[] {
  const groups = config.channel_group.groups?.Application?.groups ?? {};
  return Object.values(groups)
    .map((group) => (group.values?.MSP?.value as { config?: { name?: string } } | undefined)?.config?.name ?? '')
    .filter(Boolean)
    .sort();
}

function ok(payload: Uint8Array): LifecycleAnswer {
  return { status: 200, message: '', payload };
}

function fail(status: number, message: string): LifecycleAnswer {
  return { status, message };
}
