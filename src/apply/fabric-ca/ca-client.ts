// The two Fabric CA REST calls netspec makes (see fabric-ca's swagger): register, authenticated with the
// registrar's token, and enroll, with the new identity's basic auth and a CSR. Every answer is Fabric CA's
// envelope {success, result, errors: [{code, message}], messages}; a refusal becomes a FabricCaError carrying
// the CA's own code and text, so callers can tell "already registered" (code 74) from a real refusal.
import type { KeyObject } from 'node:crypto';
import { sendHttp } from '../http/send-http.js';
import { fabricCaToken } from './token-auth.js';

/** Fabric CA's error code when the id to register exists ("Identity '<id>' is already registered"). */
export const CA_ALREADY_REGISTERED = 74;

export interface CaConnection {
  /** `https://host:port`, without a trailing slash. */
  url: string;
  /** The CA's name on a multi-CA server (the spec's ca.name). */
  caName: string;
  /** TLS CA certificates (PEM) to trust for the CA's HTTPS endpoint. */
  tlsCaCerts: string[];
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
}

export interface Registrar {
  certificatePem: string;
  privateKey: KeyObject;
}

export interface RegistrationRequest {
  id: string;
  type: 'client' | 'admin';
  /** Empty: the registrar's own affiliation. */
  affiliation: string;
  attrs: { name: string; value: string; ecert: boolean }[];
  secret?: string;
}

export interface Enrollment {
  /** The enrollment certificate the CA issued (PEM). */
  certificatePem: string;
  /** The CA's chain (PEM), for the identity's cacerts/. */
  caChainPem: string;
}

/** The CA answered and refused (HTTP error or success: false). */
export class FabricCaError extends Error {
  constructor(
    readonly status: number,
    readonly codes: number[],
    message: string,
  ) {
    super(message);
  }
}

interface CaEnvelope {
  success?: boolean;
  result?: unknown;
  errors?: { code?: number; message?: string }[];
}

export async function registerIdentity(
  ca: CaConnection,
  registrar: Registrar,
  request: RegistrationRequest,
): Promise<{ secret: string }> {
  const url = new URL('/api/v1/register', ca.url);
  const body = JSON.stringify({ ...request, caname: ca.caName });
  const token = fabricCaToken({
    method: 'POST',
    uri: url.pathname + url.search,
    body,
    certificatePem: registrar.certificatePem,
    privateKey: registrar.privateKey,
  });
  const result = (await call(ca, url, body, token)) as { secret?: unknown } | undefined;
  if (typeof result?.secret !== 'string')
    throw new FabricCaError(200, [], `${url.origin} answered register without a secret`);
  return { secret: result.secret };
}

export async function enrollIdentity(
  ca: CaConnection,
  id: string,
  secret: string,
  csrPem: string,
): Promise<Enrollment> {
  const url = new URL('/api/v1/enroll', ca.url);
  const body = JSON.stringify({ certificate_request: csrPem, caname: ca.caName });
  const basic = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const result = (await call(ca, url, body, basic)) as
    | { Cert?: unknown; ServerInfo?: { CAChain?: unknown } }
    | undefined;
  if (typeof result?.Cert !== 'string')
    throw new FabricCaError(200, [], `${url.origin} answered enroll without a certificate`);
  const chain = result.ServerInfo?.CAChain;
  return {
    certificatePem: Buffer.from(result.Cert, 'base64').toString('utf8'),
    caChainPem: typeof chain === 'string' ? Buffer.from(chain, 'base64').toString('utf8') : '',
  };
}

async function call(ca: CaConnection, url: URL, body: string, authorization: string): Promise<unknown> {
  const response = await sendHttp({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', authorization },
    body,
    ca: ca.tlsCaCerts,
    timeoutMs: ca.timeoutMs ?? 10_000,
    retries: ca.retries ?? 2,
    backoffMs: ca.backoffMs ?? 250,
  });
  let envelope: CaEnvelope;
  try {
    envelope = JSON.parse(response.body) as CaEnvelope;
  } catch {
    throw new FabricCaError(response.status, [], `${url.origin} answered HTTP ${response.status}, not Fabric CA JSON`);
  }
  if (response.status >= 400 || envelope.success === false) {
    const errors = envelope.errors ?? [];
    const text = errors.map((e) => `${e.message ?? 'error'}${e.code === undefined ? '' : ` (code ${e.code})`}`);
    throw new FabricCaError(
      response.status,
      errors.map((e) => Number(e.code)),
      text.join('; ') || `HTTP ${response.status}`,
    );
  }
  return envelope.result;
}
