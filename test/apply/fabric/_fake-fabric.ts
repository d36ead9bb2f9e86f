// An in-process Fabric network for tests, on 127.0.0.1 with TLS material made at test time: one gRPC server
// speaking orderer.AtomicBroadcast (Broadcast, Deliver) and protos.Endorser (ProcessProposal) from the Fabric
// protos, and an HTTPS (mutual TLS) channel participation API that, like a real orderer's admin endpoint, trusts one
// client CA only (the ordering org's TLS CA) and answers with the bodies Fabric v2.5.9 gave
// (test/fixtures/fabric-live/). Each peer keeps its own ledgers and lets only its own org's admins join it or list
// them (cscc), and its `_lifecycle` definitions query keeps Fabric's ACL (/Channel/Application/Writers). It judges what it receives as an orderer would:
// envelope signatures by channel members, the submitter of a config update against /Channel/Writers (Fabric's
// SigFilter, before anything else), read-set versions against its current config, mod_policy signatures
// (_orderer-judge.ts, written apart from netspec's governance code), and cuts a new config block on success,
// served on Deliver. Its peer runs a fake `_lifecycle` (_fake-lifecycle.ts): proposals to a peer host with an
// identity in `endorsers` are endorsed as that peer, and endorser transactions broadcast to the orderer are
// validated and committed at once. Each peer also keeps its own installed chaincode packages (_fake-chaincode-store.ts), installed and listed only by
// an admin of the peer's organization.
import { KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import {
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { serviceDefinition } from '../../../src/apply/fabric/fabric-services.js';
import { mustDecode, mustEncode } from '../../../src/apply/fabric/signed-envelopes.js';
import {
  type ConfigGroupJson,
  type ConfigJson,
  configBlockInfo,
  fromJson,
  type Json,
  type ProtoMessage,
  toJson,
} from '../../../src/compiler/fabric/index.js';
import { issueCaCertificate, issueLeafCertificate } from '../../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyToPem, type SigningKeyPair } from '../../../src/crypto/key-pair.js';
import { FakeChaincodeStore } from './_fake-chaincode-store.js';
import { FakeLifecycle, proposalHash } from './_fake-lifecycle.js';
import { maintenanceProblem } from './_maintenance-filter.js';
import {
  creatorMspOf,
  definesMsp,
  isMspAdmin,
  isMspMember,
  judgeConfigUpdate,
  signerOf,
  submitterProblem,
} from './_orderer-judge.js';
import { membershipProblem, noLeader } from './_raft-cluster.js';

/** `_lifecycle` functions about the peer's own packages: no channel, and only for the peer org's admins. */
const PEER_LOCAL_FUNCTIONS = new Set(['InstallChaincode', 'QueryInstalledChaincode', 'QueryInstalledChaincodes']);
/** cscc functions a peer checks against its local MSP's Admins (`peer channel join`, `peer channel list`). */
const CSCC_LOCAL_FUNCTIONS = new Set(['JoinChain', 'GetChannels']);

/**
 * Bodies of the participation API as Fabric v2.5.9 answered them (test/fixtures/fabric-live/, recorded): the fake
 * fills in its own channel's name, url and height, and keeps every other field and the error texts verbatim.
 */
const RECORDED = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/fabric-live/${file}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const JOINED_BODY = RECORDED('participation-get-joined.json');
const ABSENT_BODY = RECORDED('participation-get-absent.json');
const JOIN_AGAIN_BODY = RECORDED('participation-join-again.json');

export interface TestTls {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** A TLS CA, a server certificate for localhost and the example's node host names, and a client certificate. */
export async function makeTestTls(hosts: string[]): Promise<TestTls> {
  const ca = await issueCaCertificate('tlsca.test', 'test', await generateSigningKeyPair());
  const server = await generateSigningKeyPair();
  const client = await generateSigningKeyPair();
  const leaf = (commonName: string, keys: SigningKeyPair, dnsNames?: string[]) =>
    issueLeafCertificate(
      {
        commonName,
        organization: 'test',
        purpose: 'tls',
        publicKey: keys.publicKey,
        ...(dnsNames ? { dnsNames } : {}),
      },
      ca,
    );
  return {
    caPem: ca.pem,
    serverCertPem: await leaf('localhost', server, ['localhost', ...hosts]),
    serverKeyPem: privateKeyToPem(server.privateKey),
    clientCertPem: await leaf('client', client),
    clientKeyPem: privateKeyToPem(client.privateKey),
  };
}

export interface FakeFabricOptions {
  tls: TestTls;
  /** Config blocks the orderer starts with (as in a state folder). */
  blocks: Uint8Array[];
  /** Committed definitions the peer reports, per channel (lifecycle.QueryChaincodeDefinitionsResult objects). */
  chaincodes?: Record<string, ProtoMessage>;
  /** gRPC port to bind (0: any). */
  port?: number;
  /**
   * The only CA the admin (participation) API trusts for client certificates: the ordering org's TLS CA, as a
   * real orderer's `Admin.TLS.ClientRootCAs`. Default `tls.caPem`.
   */
  adminClientCaPem?: string;
}

export class FakeFabric {
  /** channel -> blocks by number */
  readonly ledgers = new Map<string, Map<number, Uint8Array>>();
  /** Every channel some peer joined. */
  readonly peerChannels = new Set<string>();
  /** Peer host name -> the channels that peer joined (cscc JoinChain). */
  readonly peerLedgers = new Map<string, Set<string>>();
  /** Peer host name -> its local MSP: only that MSP's admins may join it to a channel or list its channels. */
  readonly peerMsps = new Map<string, string>();
  /** Config updates to apply and then answer with UNAVAILABLE instead of SUCCESS, as if the answer were lost. */
  dropBroadcastAnswers = 0;
  /** Channels whose Deliver/Broadcast answer UNAVAILABLE, as if their orderer were down. */
  readonly unavailable = new Set<string>();
  /**
   * The Raft cluster behind the orderer: `host:port` of each consenter -> the TLS certificate (PEM) that node
   * presents. Empty: no cluster is modelled. Set: Broadcast needs a majority of the config's consenters taking part
   * (_raft-cluster.ts), and a config update may change one consenter only, as the etcdraft chain requires.
   */
  readonly raftNodes = new Map<string, string>();
  /** Delay before Deliver answers, to exercise deadlines. */
  deliverDelayMs = 0;
  readonly received: { broadcast: number; deliver: number; proposals: string[] } = {
    broadcast: 0,
    deliver: 0,
    proposals: [],
  };
  /** The peer's `_lifecycle`: approvals and committed definitions (starts from `options.chaincodes`). */
  readonly lifecycle: FakeLifecycle;
  /** The packages installed on each peer (by host name). */
  readonly chaincodeStore = new FakeChaincodeStore();
  /** Peer host name -> the identity it endorses with (the fake tells peers apart by the call's authority). */
  readonly endorsers = new Map<string, EndorsingIdentity>();
  private grpc = new Server();
  private https: HttpsServer | undefined;
  port = 0;
  adminPort = 0;

  constructor(private readonly options: FakeFabricOptions) {
    for (const block of options.blocks) this.store(block);
    this.lifecycle = new FakeLifecycle(options.chaincodes);
  }

  async start(): Promise<this> {
    this.grpc.addService(serviceDefinition('orderer.AtomicBroadcast'), {
      Broadcast: (call: ServerDuplexStream<Uint8Array, Uint8Array>) => this.broadcast(call),
      Deliver: (call: ServerDuplexStream<Uint8Array, Uint8Array>) => this.deliver(call),
    });
    this.grpc.addService(serviceDefinition('protos.Endorser'), {
      ProcessProposal: (call: ServerUnaryCall<Uint8Array, Uint8Array>, callback: sendUnaryData<Uint8Array>) =>
        this.processProposal(call, callback),
    });
    const tls = this.options.tls;
    const credentials = ServerCredentials.createSsl(Buffer.from(tls.caPem), [
      { private_key: Buffer.from(tls.serverKeyPem), cert_chain: Buffer.from(tls.serverCertPem) },
    ]);
    this.port = await new Promise<number>((resolve, reject) =>
      this.grpc.bindAsync(`127.0.0.1:${this.options.port ?? 0}`, credentials, (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.https = createHttpsServer(
      {
        key: tls.serverKeyPem,
        cert: tls.serverCertPem,
        ca: this.options.adminClientCaPem ?? tls.caPem,
        requestCert: true,
        rejectUnauthorized: true,
        // Refusal during the handshake, as Fabric's admin endpoint does (alert 42, fixtures/fabric-live/
        // admin-api-tls-untrusted-client-node.txt); under TLS 1.3 Node's server would only reset the connection.
        maxVersion: 'TLSv1.2',
      },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const answer = this.participation(
            request.method ?? '',
            request.url ?? '',
            request.headers['content-type'] ?? '',
            Buffer.concat(chunks),
          );
          response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          response.end(JSON.stringify(answer.body));
        });
      },
    );
    await new Promise<void>((resolve) => this.https!.listen(0, '127.0.0.1', resolve));
    this.adminPort = (this.https.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.grpc.tryShutdown(() => resolve()));
    this.grpc.forceShutdown();
    await new Promise<void>((resolve) => (this.https ? this.https.close(() => resolve()) : resolve()));
  }

  store(block: Uint8Array): void {
    const info = configBlockInfo(block);
    const channel = info.value?.channelId ?? '';
    if (!this.ledgers.has(channel)) this.ledgers.set(channel, new Map());
    this.ledgers.get(channel)!.set(Number(info.value?.blockNumber ?? 0), block);
  }

  newest(channel: string): { number: number; block: Uint8Array } | undefined {
    const ledger = this.ledgers.get(channel);
    if (!ledger || ledger.size === 0) return undefined;
    const number = Math.max(...ledger.keys());
    return { number, block: ledger.get(number)! };
  }

  /** The current config of the channel as configtxlator JSON. */
  config(channel: string): ConfigJson {
    const ledger = this.ledgers.get(channel)!;
    const numbers = [...ledger.keys()].sort((a, b) => b - a);
    const info = numbers.map((n) => configBlockInfo(ledger.get(n)!).value).find((value) => value !== undefined)!;
    return toJson('common.Config', info.config).value as unknown as ConfigJson;
  }

  private deliver(call: ServerDuplexStream<Uint8Array, Uint8Array>): void {
    call.on('data', async (bytes: Uint8Array) => {
      this.received.deliver += 1;
      const { channel, data, valid } = this.openEnvelope(bytes);
      if (this.unavailable.has(channel))
        return void call.emit('error', { code: status.UNAVAILABLE, details: 'orderer down' });
      if (this.deliverDelayMs) await new Promise((resolve) => setTimeout(resolve, this.deliverDelayMs));
      const newest = this.newest(channel);
      if (!newest) return this.finish(call, 404);
      if (!valid) return this.finish(call, 403);
      const seek = mustDecode('orderer.SeekInfo', data);
      const at = (position: ProtoMessage) =>
        position.specified
          ? Number((position.specified as ProtoMessage).number ?? 0)
          : position.oldest
            ? 0
            : newest.number;
      const start = at(seek.start as ProtoMessage);
      const stop = at(seek.stop as ProtoMessage);
      for (let number = start; number <= stop; number++) {
        const block = this.ledgers.get(channel)!.get(number);
        if (!block) return this.finish(call, 404);
        call.write(lengthDelimitedField(2, block));
      }
      this.finish(call, 200);
    });
  }

  private finish(call: ServerDuplexStream<Uint8Array, Uint8Array>, code: number): void {
    call.write(mustEncode('orderer.DeliverResponse', { status: code }));
    call.end();
  }

  private broadcast(call: ServerDuplexStream<Uint8Array, Uint8Array>): void {
    call.on('data', (bytes: Uint8Array) => {
      this.received.broadcast += 1;
      const { channel, data, valid, type } = this.openEnvelope(bytes);
      if (this.unavailable.has(channel))
        return void call.emit('error', { code: status.UNAVAILABLE, details: 'orderer down' });
      const answer = (code: number, info = '') =>
        call.write(mustEncode('orderer.BroadcastResponse', { status: code, info }));
      if (!this.newest(channel)) return answer(404, `channel ${channel} not found`);
      if (!valid && type !== 2)
        return answer(403, 'the envelope signature does not verify or its creator is not a channel member');
      if (type === 3) {
        // An endorser transaction: ordered, then validated and committed by the peer (invalid ones are recorded
        // in lifecycle.validated, as a peer marks them invalid; the orderer still answers SUCCESS).
        const payload = mustDecode('common.Payload', mustDecode('common.Envelope', bytes).payload as Uint8Array);
        const header = payload.header as ProtoMessage;
        const txId = String(mustDecode('common.ChannelHeader', header.channel_header as Uint8Array).tx_id ?? '');
        const creator = creatorMspOf(header.signature_header as Uint8Array) ?? '';
        this.lifecycle.commit(txId, this.config(channel), header, data, creator);
        return answer(200);
      }
      if (type !== 2) return answer(400, `unsupported header type ${type}`);
      // Fabric's orderer runs its SigFilter first: the submitter must satisfy /Channel/Writers before the
      // update's own mod_policies are looked at. Both are judged by _orderer-judge.ts, not by netspec's code.
      const config = this.config(channel);
      const writers = submitterProblem(config, bytes);
      if (writers)
        return answer(
          403,
          `config update for existing channel did not pass initial checks: ${writers}: permission denied`,
        );
      if (this.raftNodes.size > 0) {
        const down = noLeader(config, this.raftNodes);
        if (down) return answer(503, down);
      }
      const judged = judgeConfigUpdate(config, channel, data);
      if (judged.status !== 200) return answer(judged.status, judged.info);
      const update = { write_set: judged.writeSet as ConfigGroupJson };
      const next = {
        sequence: String(Number(config.sequence ?? 0) + 1),
        channel_group: mergeWriteSet(config.channel_group, update.write_set),
      };
      if (this.raftNodes.size > 0) {
        const membership = membershipProblem(config, next);
        if (membership) return answer(400, membership);
      }
      const maintenance = maintenanceProblem(config, next, update.write_set);
      if (maintenance) return answer(400, maintenance);
      const newConfig = fromJson('common.Config', next as unknown as Json).value!;
      this.store(configBlock(channel, this.newest(channel)!.number + 1, newConfig, bytes));
      if (this.dropBroadcastAnswers > 0) {
        this.dropBroadcastAnswers -= 1;
        return void call.emit('error', { code: status.UNAVAILABLE, details: 'connection reset before the answer' });
      }
      answer(200);
    });
  }

  /** Decodes a signed envelope and checks its signature by a member of the channel's MSPs. */
  private openEnvelope(bytes: Uint8Array): { channel: string; data: Uint8Array; valid: boolean; type: number } {
    const envelope = mustDecode('common.Envelope', bytes);
    const payload = mustDecode('common.Payload', envelope.payload as Uint8Array);
    const header = payload.header as ProtoMessage;
    const channelHeader = mustDecode('common.ChannelHeader', header.channel_header as Uint8Array);
    const channel = String(channelHeader.channel_id ?? '');
    const data = (payload.data as Uint8Array | undefined) ?? new Uint8Array();
    const type = Number(channelHeader.type ?? 0);
    if (!this.newest(channel)) return { channel, data, valid: false, type };
    const config = this.config(channel);
    const creator = signerOf(
      config,
      header.signature_header as Uint8Array,
      envelope.payload as Uint8Array,
      envelope.signature as Uint8Array,
    );
    return { channel, data, valid: creator !== undefined && isMspMember(config, creator), type };
  }

  private processProposal(call: ServerUnaryCall<Uint8Array, Uint8Array>, callback: sendUnaryData<Uint8Array>): unknown {
    const signed = mustDecode('protos.SignedProposal', call.request);
    const proposal = mustDecode('protos.Proposal', signed.proposal_bytes as Uint8Array);
    const header = mustDecode('common.Header', proposal.header as Uint8Array);
    const channel = String(mustDecode('common.ChannelHeader', header.channel_header as Uint8Array).channel_id ?? '');
    const creatorMsp = creatorMspOf(header.signature_header as Uint8Array);
    const respond = (code: number, message: string, payload: Uint8Array = new Uint8Array()) =>
      callback(
        null,
        mustEncode('protos.ProposalResponse', { version: 1, response: { status: code, message, payload } }),
      );
    if (creatorMsp === undefined) return respond(500, 'bad creator');
    const payload = mustDecode('protos.ChaincodeProposalPayload', proposal.payload as Uint8Array);
    const spec = mustDecode('protos.ChaincodeInvocationSpec', payload.input as Uint8Array)
      .chaincode_spec as ProtoMessage;
    const chaincode = String((spec.chaincode_id as ProtoMessage).name);
    const args = ((spec.input as ProtoMessage).args ?? []) as Uint8Array[];
    const fn = new TextDecoder().decode(args[0]);
    this.received.proposals.push(`${chaincode}.${fn}`);
    if (
      (chaincode === '_lifecycle' && PEER_LOCAL_FUNCTIONS.has(fn)) ||
      (chaincode === 'cscc' && CSCC_LOCAL_FUNCTIONS.has(fn))
    ) {
      // Addressed to the peer, not a channel: only an admin of the peer's own organization may call them.
      const host = call.getHost().replace(/:\d+$/, '');
      const local = this.endorsers.get(host) ?? this.localMsp(host);
      if (!local) return respond(500, `peer ${host} has no local MSP in this fake`);
      // The local MSP is read from a channel config that defines it; the judge, not netspec, decides admin-ness.
      const config = this.configDefining(local.mspId);
      const creator =
        config &&
        signerOf(
          config,
          header.signature_header as Uint8Array,
          signed.proposal_bytes as Uint8Array,
          signed.signature as Uint8Array,
        );
      if (!config || !creator || creator.mspId !== local.mspId || !isMspAdmin(config, creator))
        return respond(
          500,
          `Failed to authorize invocation due to failed ACL check: the creator (${creatorMsp}) is not an admin of the peer's local MSP ${local.mspId}`,
        );
      if (chaincode === 'cscc') return this.cscc(host, fn, args, respond);
      const answer = this.chaincodeStore.answer(host, fn, args[1] ?? new Uint8Array())!;
      return respond(answer.status, answer.message, answer.payload);
    }
    if (chaincode === '_lifecycle' && fn === 'QueryChaincodeDefinitions') {
      if (!this.ledgers.has(channel)) return respond(500, `channel ${channel} not found`);
      // The ACL of _lifecycle/QueryChaincodeDefinitions is /Channel/Application/Writers: an orderer org's admin is
      // a channel MSP but no Application member (fixtures/fabric-live/peer-cscc-joinchain-and-lifecycle-acl.txt).
      const applicationOrgs = Object.keys(this.config(channel).channel_group?.groups?.Application?.groups ?? {});
      if (!applicationOrgs.includes(creatorMsp))
        return respond(
          500,
          "Failed to authorize invocation due to failed ACL check: failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]",
        );
      const result = this.lifecycle.definitions(channel);
      return respond(200, '', mustEncode('lifecycle.QueryChaincodeDefinitionsResult', result));
    }
    if (chaincode === '_lifecycle') {
      if (!this.ledgers.has(channel)) return respond(500, `channel ${channel} not found`);
      const config = this.config(channel);
      const creator = signerOf(
        config,
        header.signature_header as Uint8Array,
        signed.proposal_bytes as Uint8Array,
        signed.signature as Uint8Array,
      );
      if (!creator) return respond(403, 'access denied: the proposal signature does not verify');
      if (!isMspMember(config, creator))
        return respond(403, `access denied: the creator is not a valid member of ${creator.mspId}`);
      const endorser = this.endorsers.get(call.getHost().replace(/:\d+$/, ''));
      const answer = this.lifecycle.simulate(
        channel,
        config,
        fn,
        args[1] ?? new Uint8Array(),
        creatorMsp,
        endorser?.mspId ?? '',
      );
      if (answer.status !== 200 || !endorser) return respond(answer.status, answer.message, answer.payload);
      return callback(null, endorsedResponse(endorser, header, proposal.payload as Uint8Array, answer.payload!));
    }
    respond(500, `unknown function ${chaincode}.${fn}`);
  }

  /** A peer's local MSP, for the cscc calls only its own admins may make. */
  private localMsp(host: string): { mspId: string } | undefined {
    const mspId = this.peerMsps.get(host);
    return mspId ? { mspId } : undefined;
  }

  /** cscc GetChannels and JoinChain of one peer (its own ledgers), once its local admin check passed. */
  private cscc(
    host: string,
    fn: string,
    args: Uint8Array[],
    respond: (code: number, message: string, payload?: Uint8Array) => unknown,
  ): unknown {
    const ledgers = this.peerLedgers.get(host) ?? new Set<string>();
    this.peerLedgers.set(host, ledgers);
    if (fn === 'GetChannels')
      return respond(
        200,
        '',
        Buffer.concat(
          [...ledgers].map((id) => lengthDelimitedField(1, lengthDelimitedField(1, new TextEncoder().encode(id)))),
        ),
      );
    const info = configBlockInfo(args[1] ?? new Uint8Array());
    if (!info.value) return respond(500, 'not a config block');
    const channel = info.value.channelId;
    // Fabric's answer to a second join (fixtures/fabric-live/peer-cscc-joinchain-and-lifecycle-acl.txt).
    if (ledgers.has(channel))
      return respond(
        500,
        `cannot create ledger from genesis block: ledger [${channel}] already exists with state [ACTIVE]`,
      );
    ledgers.add(channel);
    this.peerChannels.add(channel);
    return respond(200, '');
  }

  /** A channel config that defines `mspId` (a peer's local MSP is its org's channel MSP). */
  private configDefining(mspId: string): ConfigJson | undefined {
    for (const channel of this.ledgers.keys()) {
      const config = this.config(channel);
      if (definesMsp(config, mspId)) return config;
    }
    return undefined;
  }

  private participation(
    method: string,
    url: string,
    contentType: string,
    body: Buffer,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const one = /^\/participation\/v1\/channels\/([^/]+)$/.exec(url);
    const info = (name: string, height: number) => ({
      ...JOINED_BODY,
      name,
      url: `/participation/v1/channels/${name}`,
      height,
    });
    if (method === 'GET' && one) {
      const name = decodeURIComponent(one[1]!);
      const newest = this.newest(name);
      return newest ? { status: 200, body: info(name, newest.number + 1) } : { status: 404, body: ABSENT_BODY };
    }
    if (method === 'POST' && url === '/participation/v1/channels') {
      const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
      if (!boundary) return { status: 400, body: { error: 'not multipart' } };
      const part = body
        .toString('latin1')
        .split(`--${boundary}`)
        .find((p) => p.includes('name="config-block"'));
      if (!part) return { status: 400, body: { error: 'no config-block' } };
      const start = part.indexOf('\r\n\r\n') + 4;
      const block = new Uint8Array(Buffer.from(part.slice(start, part.lastIndexOf('\r\n')), 'latin1'));
      const config = configBlockInfo(block);
      if (!config.value) return { status: 400, body: { error: 'not a config block' } };
      if (this.newest(config.value.channelId))
        return { status: 405, body: JOIN_AGAIN_BODY, headers: { allow: 'GET, DELETE' } };
      this.store(block);
      return { status: 201, body: info(config.value.channelId, 1) };
    }
    return { status: 404, body: { error: 'no such route' } };
  }
}

/**
 * The config after a write set, as Fabric's configtx validator computes it: an item whose version moved is
 * taken from the write set; a group whose version moved has exactly the write set's members; others stay.
 */
export function mergeWriteSet(live: ConfigGroupJson | undefined, write: ConfigGroupJson): ConfigGroupJson {
  if (!live) return write;
  const moved = Number(write.version ?? 0) !== Number(live.version ?? 0);
  const result: ConfigGroupJson = {
    ...live,
    ...(moved ? { version: write.version, mod_policy: write.mod_policy } : {}),
  } as ConfigGroupJson;
  for (const kind of ['values', 'policies'] as const) {
    const liveItems = (live[kind] ?? {}) as Record<string, { version?: string | number }>;
    const writeItems = (write[kind] ?? {}) as Record<string, { version?: string | number }>;
    const items: Record<string, unknown> = moved ? {} : { ...liveItems };
    for (const [name, item] of Object.entries(writeItems)) {
      const current = liveItems[name];
      items[name] = current && Number(current.version ?? 0) === Number(item.version ?? 0) ? current : item;
    }
    (result as unknown as Record<string, unknown>)[kind] = items;
  }
  const groups: Record<string, ConfigGroupJson> = moved ? {} : { ...(live.groups ?? {}) };
  for (const [name, group] of Object.entries(write.groups ?? {}))
    groups[name] = mergeWriteSet(live.groups?.[name], group);
  result.groups = groups;
  return result;
}

/** The block with its config replaced (same number unless given): a channel changed behind netspec's back. */
export function rebuildConfigBlock(block: Uint8Array, config: ConfigJson, number?: number): Uint8Array {
  const info = configBlockInfo(block).value!;
  const message = fromJson('common.Config', config as unknown as Json).value!;
  const otherUpdate = mustEncode('common.ConfigUpdateEnvelope', { config_update: new Uint8Array([10, 1, 120]) });
  const dummyUpdate = mustEncode('common.Envelope', { payload: mustEncode('common.Payload', { data: otherUpdate }) });
  return configBlock(info.channelId, number ?? Number(info.blockNumber), message, dummyUpdate);
}

function configBlock(channel: string, number: number, config: ProtoMessage, lastUpdate: Uint8Array): Uint8Array {
  const channelHeader = mustEncode('common.ChannelHeader', {
    type: 1,
    channel_id: channel,
    timestamp: { seconds: 1, nanos: 0 },
  });
  const configEnvelope = mustEncode('common.ConfigEnvelope', {
    config,
    last_update: mustDecode('common.Envelope', lastUpdate),
  });
  const envelope = mustEncode('common.Envelope', {
    payload: mustEncode('common.Payload', { header: { channel_header: channelHeader }, data: configEnvelope }),
  });
  const ordererMetadata = mustEncode('common.OrdererBlockMetadata', { last_config: { index: number } });
  return mustEncode('common.Block', {
    header: { number, previous_hash: new Uint8Array(32), data_hash: new Uint8Array(32) },
    data: { data: [envelope] },
    metadata: {
      metadata: [
        mustEncode('common.Metadata', { value: ordererMetadata }),
        new Uint8Array(),
        new Uint8Array(),
        new Uint8Array(),
        new Uint8Array(),
      ],
    },
  });
}

/** Who a fake peer endorses as: its org's MSP id, the PEM sent as id_bytes, and an in-memory key. */
export interface EndorsingIdentity {
  mspId: string;
  certificatePem: string;
  privateKey: unknown;
}

const CURVE_ORDERS: Record<string, bigint> = {
  prime256v1: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  secp384r1: BigInt(
    '0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  ),
};

/** ECDSA over SHA-256 in DER with s folded to the lower half (Fabric's peers refuse high-S signatures). */
function signLowS(message: Uint8Array, key: unknown): Uint8Array {
  if (!(key instanceof KeyObject)) throw new Error('the fake peer endorses only with an in-memory key');
  const order = CURVE_ORDERS[key.asymmetricKeyDetails?.namedCurve ?? ''];
  if (order === undefined) throw new Error('the fake peer endorses only with a P-256 or P-384 key');
  const raw = sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
  const half = raw.length / 2;
  const r = BigInt(`0x${raw.subarray(0, half).toString('hex')}`);
  const s = BigInt(`0x${raw.subarray(half).toString('hex')}`);
  const integer = (value: bigint) => {
    const hex = value.toString(16);
    const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    const body = bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const body = Buffer.concat([integer(r), integer(s > order / 2n ? order - s : s)]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]));
}

/** A ProposalResponse endorsed by `endorser`: signature over ProposalResponsePayload || serialized endorser. */
function endorsedResponse(
  endorser: EndorsingIdentity,
  header: ProtoMessage,
  proposalPayload: Uint8Array,
  result: Uint8Array,
): Uint8Array {
  const response = { status: 200, message: '', payload: result };
  const payload = mustEncode('protos.ProposalResponsePayload', {
    proposal_hash: proposalHash(header, proposalPayload),
    extension: mustEncode('protos.ChaincodeAction', { response, chaincode_id: { name: '_lifecycle' } }),
  });
  const identity = mustEncode('msp.SerializedIdentity', {
    mspid: endorser.mspId,
    id_bytes: new TextEncoder().encode(endorser.certificatePem),
  });
  const signature = signLowS(Buffer.concat([payload, identity]), endorser.privateKey);
  return mustEncode('protos.ProposalResponse', {
    version: 1,
    response,
    payload,
    endorsement: { endorser: identity, signature },
  });
}

function lengthDelimitedField(field: number, bytes: Uint8Array): Uint8Array {
  const varint = (value: number) => {
    const out: number[] = [];
    while (value > 0x7f) {
      out.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    out.push(value);
    return out;
  };
  return new Uint8Array([...varint((field << 3) | 2), ...varint(bytes.length), ...bytes]);
}
