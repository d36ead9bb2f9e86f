// One gRPC connection to an orderer or a peer, over TLS (mutual when a client TLS certificate is given). Every
// call has a deadline; a node that cannot be reached (UNAVAILABLE: down, restarting, port-forward reconnecting)
// is retried with exponential backoff, and after the last attempt the error names the node and the cause.

import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import { Client, credentials, status as GrpcStatus, Metadata, type ServiceError } from '@grpc/grpc-js';
import { lengthDelimitedFields, type ProtoMessage } from '../../compiler/fabric/index.js';
import { type RetryPolicy, retry } from '../retry.js';
import { method } from './fabric-services.js';
import type { NodeEndpoint } from './node-endpoints.js';
import { mustDecode } from './signed-envelopes.js';
import type { TlsClientMaterial } from './tls-client-material.js';
import { explainTlsFailure } from './tls-failure.js';

export interface ConnectionOptions {
  /** Deadline of one call. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts when the node is unavailable. Default 3. */
  retries?: number;
  /** First backoff, doubled after each failed attempt. Default 500 ms. */
  backoffMs?: number;
  tls?: TlsClientMaterial;
}

/** The node could not be reached after every retry, or did not answer before the deadline. */
export class NodeUnreachableError extends Error {}

export class NodeConnection {
  private client: Client | undefined;
  readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(
    readonly endpoint: NodeEndpoint,
    private readonly options: ConnectionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
  }

  private connect(): Client {
    if (this.client) return this.client;
    if (this.endpoint.tlsCaPem.trim() === '')
      throw new NodeUnreachableError(
        `${this.endpoint.ref}: no TLS CA certificate known (msp tlscacerts or connection.endpoints tlsCaCert)`,
      );
    const tls = this.options.tls;
    const serverName = this.endpoint.serverName;
    // A node named by an IP address: TLS sends no server name for it (Node warns, DEP0123, when asked to), and
    // the certificate is checked against that address all the same.
    const byAddress = isIP(serverName) !== 0;
    const creds = credentials.createSsl(
      Buffer.from(this.endpoint.tlsCaPem),
      tls?.keyPem ? Buffer.from(tls.keyPem) : null,
      tls?.certPem ? Buffer.from(tls.certPem) : null,
      byAddress ? { checkServerIdentity: (_host, cert) => checkServerIdentity(serverName, cert) } : {},
    );
    this.client = new Client(this.endpoint.address, creds, {
      ...(byAddress ? {} : { 'grpc.ssl_target_name_override': serverName }),
      'grpc.default_authority': serverName,
      'grpc.max_receive_message_length': 100 * 1024 * 1024,
      'grpc.max_send_message_length': 100 * 1024 * 1024,
    });
    return this.client;
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }

  /** Runs `attempt` with retries on UNAVAILABLE; other errors (an answer) are thrown at once. */
  async withRetries<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const outcome = await retry(
      this.retryPolicy,
      async () => {
        try {
          return await attempt();
        } catch (error) {
          if ((error as ServiceError).code === GrpcStatus.DEADLINE_EXCEEDED)
            throw new NodeUnreachableError(
              `${what}: ${this.endpoint.ref} (${this.endpoint.address}) did not answer within ${this.timeoutMs} ms`,
            );
          // A fresh channel: grpc-js backs off reconnecting on its own; we want our schedule, not its.
          if ((error as ServiceError).code === GrpcStatus.UNAVAILABLE) this.close();
          throw error;
        }
      },
      { retryable: (error) => (error as ServiceError).code === GrpcStatus.UNAVAILABLE },
    );
    if (outcome.ok) return outcome.value;
    const last = outcome.lastError;
    const tlsFailure = explainTlsFailure(last, this.endpoint, what, this.options.tls);
    if (tlsFailure) throw new NodeUnreachableError(`${what}: ${tlsFailure.message}; ${tlsFailure.hint}`);
    const detail = (last as ServiceError | undefined)?.details ?? String(last);
    throw new NodeUnreachableError(
      `${what}: cannot reach ${this.endpoint.ref} (${this.endpoint.address}) after ${outcome.attempts} attempts (${detail})`,
    );
  }

  /** AtomicBroadcast.Broadcast of one envelope: the orderer's BroadcastResponse {status, info}. */
  broadcast(envelope: Uint8Array): Promise<{ status: number; info: string }> {
    return this.withRetries('Broadcast', () => this.broadcastOnce(envelope));
  }

  /** An AtomicBroadcast stream (Broadcast or Deliver), with this connection's deadline. */
  private ordererStream(name: 'Broadcast' | 'Deliver') {
    const definition = method('orderer.AtomicBroadcast', name);
    return this.connect().makeBidiStreamRequest(
      definition.path,
      definition.requestSerialize,
      definition.responseDeserialize,
      new Metadata(),
      { deadline: Date.now() + this.timeoutMs },
    );
  }

  /** The retry policy: how many extra attempts, and the first backoff. */
  get retryPolicy(): RetryPolicy {
    return { retries: this.retries, backoffMs: this.backoffMs };
  }

  /**
   * One Broadcast, no retry: a lost answer (UNAVAILABLE, a deadline) does not say whether the orderer took the
   * envelope, so a config update's sender reads the channel before sending it again.
   */
  broadcastOnce(envelope: Uint8Array): Promise<{ status: number; info: string }> {
    return new Promise((resolve, reject) => {
      const call = this.ordererStream('Broadcast');
      let answered = false;
      call.on('data', (bytes: Uint8Array) => {
        answered = true;
        const response = mustDecode('orderer.BroadcastResponse', bytes);
        resolve({ status: Number(response.status ?? 0), info: String(response.info ?? '') });
        call.end();
      });
      call.on('error', (error) => {
        if (!answered) reject(error);
      });
      call.on('end', () => {
        if (!answered)
          reject(
            Object.assign(new Error('the orderer closed the stream without an answer'), {
              code: GrpcStatus.UNAVAILABLE,
            }),
          );
      });
      call.write(envelope);
    });
  }

  /** AtomicBroadcast.Deliver of one seek envelope: every block until the final status (SUCCESS = 200). */
  deliver(seekEnvelope: Uint8Array): Promise<{ status: number; blocks: Uint8Array[] }> {
    return this.withRetries('Deliver', () => {
      return new Promise((resolve, reject) => {
        const call = this.ordererStream('Deliver');
        const blocks: Uint8Array[] = [];
        let done = false;
        call.on('data', (bytes: Uint8Array) => {
          const response = mustDecode('orderer.DeliverResponse', bytes);
          if (response.block) {
            // The block exactly as sent (field 2 of DeliverResponse): never re-encoded, it is written to the state.
            // The block exactly as the orderer sent it: decoding and re-encoding could change fields we do not know.
            blocks.push(lengthDelimitedFields(bytes, 2)?.[0] ?? new Uint8Array());
            return;
          }
          done = true;
          resolve({ status: Number(response.status ?? 0), blocks });
          call.end();
        });
        call.on('error', (error) => {
          if (!done) reject(error);
        });
        call.on('end', () => {
          if (!done) resolve({ status: 0, blocks });
        });
        call.write(seekEnvelope);
      });
    });
  }

  /** Endorser.ProcessProposal: the peer's ProposalResponse. */
  processProposal(signedProposal: Uint8Array): Promise<{ response: ProtoMessage; bytes: Uint8Array }> {
    return this.withRetries('ProcessProposal', () => {
      const definition = method('protos.Endorser', 'ProcessProposal');
      return new Promise((resolve, reject) => {
        this.connect().makeUnaryRequest(
          definition.path,
          definition.requestSerialize,
          definition.responseDeserialize,
          signedProposal,
          new Metadata(),
          { deadline: Date.now() + this.timeoutMs },
          (error, bytes) => {
            if (error || !bytes) return reject(error ?? new Error('empty answer'));
            resolve({ response: mustDecode('protos.ProposalResponse', bytes), bytes });
          },
        );
      });
    });
  }
}
