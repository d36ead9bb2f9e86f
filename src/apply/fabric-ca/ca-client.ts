// The Fabric CA REST calls netspec makes (fabric-ca lib/server*.go, api/client.go): cainfo; register, identities
// GET and PUT, authenticated with the registrar's token; enroll, with the identity's basic auth and a CSR; and
// reenroll, with the identity's own token. Every answer is Fabric CA's envelope {success, result, errors:
// [{code, message}], messages}; a refusal becomes a FabricCaError carrying the CA's own codes and text.
// The transport retries only what a retry can fix (refused, reset, timed out): an HTTP answer is final, and a
// TLS certificate the client does not trust is a configuration mistake, reported at once as a CaTlsError.
import type { KeyObject } from 'node:crypto';
import { exchange } from '../http/exchange.js';
import { failureReason, UnreachableError, unreachableText } from '../http/send-http.js';
import { retry } from '../retry.js';
import { classifyTlsFailure, isServerCertificateRefused } from '../tls-failure.js';
import { CA_NOT_FOUND, FabricCaError } from './ca-errors.js';
import { CaTlsError, describeUntrustedServer } from './tls-trust.js';
import { fabricCaToken } from './token-auth.js';

export interface CaConnection {
  /** `https://host:port`, without a trailing slash. */
  url: string;
  /** The `caname` requests carry (the spec's ca.name); undefined: the server's default CA. */
  caName?: string;
  /** TLS CA certificates (PEM) to trust for the CA's HTTPS endpoint. */
  tlsCaCerts: string[];
  /** Where those roots come from, for messages (`ca.tlsCACert /path`, `the MSP TLS roots of org1`). */
  tlsTrustSource?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
}

/** An identity that signs requests with a token: the registrar, or a user re-enrolling itself. */
export interface Registrar {
  certificatePem: string;
  privateKey: KeyObject;
}

export interface CaAttribute {
  name: string;
  value: string;
  ecert?: boolean;
}

export interface RegistrationRequest {
  id: string;
  type: 'client' | 'admin';
  /** Empty: the registrar's own affiliation; '.': the root. */
  affiliation: string;
  attrs: CaAttribute[];
  secret?: string;
}

/** An identity as GET /api/v1/identities/<id> answers (api.GetIDResponse). */
export interface CaIdentity {
  id: string;
  type: string;
  affiliation: string;
  attrs: CaAttribute[];
  maxEnrollments: number;
}

/** PUT /api/v1/identities/<id> (api.ModifyIdentityRequest): empty fields are left as they are. */
export interface IdentityChange {
  type?: string;
  /** '.' sets the root affiliation. */
  affiliation?: string;
  /** Each named attribute is set; an empty value deletes it (user.GetNewAttributes). */
  attrs?: CaAttribute[];
  /** A fresh enrollment secret (`identity modify --secret`). */
  secret?: string;
}

export interface Enrollment {
  /** The enrollment certificate the CA issued (PEM). */
  certificatePem: string;
  /** The CA's chain (PEM), for the identity's cacerts/. */
  caChainPem: string;
}

interface CaEnvelope {
  success?: boolean;
  result?: unknown;
  errors?: { code?: number; message?: string }[];
}

/** The CA's certificate chain (POST /api/v1/cainfo, unauthenticated), PEM. */
export async function caInfo(ca: CaConnection): Promise<{ caChainPem: string }> {
  const url = endpoint(ca, 'cainfo');
  const result = (await call(ca, 'POST', url, JSON.stringify(withCaName(ca, {})))) as { CAChain?: unknown } | undefined;
  if (typeof result?.CAChain !== 'string')
    throw new FabricCaError(200, [], `${url.origin} answered cainfo without a CA chain`);
  return { caChainPem: Buffer.from(result.CAChain, 'base64').toString('utf8') };
}

export async function registerIdentity(
  ca: CaConnection,
  registrar: Registrar,
  request: RegistrationRequest,
): Promise<{ secret: string }> {
  const url = endpoint(ca, 'register');
  const result = (await call(ca, 'POST', url, JSON.stringify(withCaName(ca, { ...request })), registrar)) as
    | { secret?: unknown }
    | undefined;
  if (typeof result?.secret !== 'string')
    throw new FabricCaError(200, [], `${url.origin} answered register without a secret`);
  return { secret: result.secret };
}

/** The identity as the CA holds it, or undefined when the CA has no such id (HTTP 404, code 63). */
export async function getIdentity(ca: CaConnection, registrar: Registrar, id: string): Promise<CaIdentity | undefined> {
  const url = endpoint(ca, `identities/${encodeURIComponent(id)}`);
  // GET carries the CA name as the `ca` query parameter (lib/identity.go Get), covered by the token's URI.
  if (ca.caName !== undefined) url.searchParams.set('ca', ca.caName);
  let result: Record<string, unknown> | undefined;
  try {
    result = (await call(ca, 'GET', url, '', registrar)) as Record<string, unknown> | undefined;
  } catch (error) {
    if (error instanceof FabricCaError && error.status === 404 && error.codes.includes(CA_NOT_FOUND)) return undefined;
    throw error;
  }
  return {
    id: String(result?.id ?? id),
    type: String(result?.type ?? ''),
    affiliation: String(result?.affiliation ?? ''),
    attrs: Array.isArray(result?.attrs)
      ? (result.attrs as CaAttribute[]).map((a) => ({
          name: String(a.name),
          value: String(a.value ?? ''),
          // api.Attribute's ecert is `omitempty`: absent means false, the attribute stays out of certificates.
          ecert: a.ecert === true,
        }))
      : [],
    maxEnrollments: Number(result?.max_enrollments ?? 0),
  };
}

export async function modifyIdentity(
  ca: CaConnection,
  registrar: Registrar,
  id: string,
  change: IdentityChange,
): Promise<void> {
  const url = endpoint(ca, `identities/${encodeURIComponent(id)}`);
  // max_enrollments 0 leaves the identity's limit as it is (lib/serveridentities.go getModifyReq).
  const body = withCaName(ca, {
    type: change.type ?? '',
    affiliation: change.affiliation ?? '',
    attrs: change.attrs ?? [],
    max_enrollments: 0,
    ...(change.secret ? { secret: change.secret } : {}),
  });
  await call(ca, 'PUT', url, JSON.stringify(body), registrar);
}

export async function enrollIdentity(
  ca: CaConnection,
  id: string,
  secret: string,
  csrPem: string,
): Promise<Enrollment> {
  const url = endpoint(ca, 'enroll');
  const body = JSON.stringify(withCaName(ca, { certificate_request: csrPem }));
  const basic = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  return enrollment(url, await call(ca, 'POST', url, body, basic));
}

/** A new certificate for an identity that still holds a valid one: signed with its own token, no secret. */
export async function reenrollIdentity(ca: CaConnection, identity: Registrar, csrPem: string): Promise<Enrollment> {
  const url = endpoint(ca, 'reenroll');
  const body = JSON.stringify(withCaName(ca, { certificate_request: csrPem }));
  return enrollment(url, await call(ca, 'POST', url, body, identity));
}

function enrollment(url: URL, answer: unknown): Enrollment {
  const result = answer as { Cert?: unknown; ServerInfo?: { CAChain?: unknown } } | undefined;
  if (typeof result?.Cert !== 'string')
    throw new FabricCaError(200, [], `${url.origin} answered ${url.pathname} without a certificate`);
  const chain = result.ServerInfo?.CAChain;
  return {
    certificatePem: Buffer.from(result.Cert, 'base64').toString('utf8'),
    caChainPem: typeof chain === 'string' ? Buffer.from(chain, 'base64').toString('utf8') : '',
  };
}

function endpoint(ca: CaConnection, path: string): URL {
  return new URL(`/api/v1/${path}`, ca.url);
}

/** The body's `caname`, omitted for the server's default CA (api.*Request: `caname,omitempty`). */
function withCaName(ca: CaConnection, body: Record<string, unknown>): Record<string, unknown> {
  return ca.caName === undefined ? body : { ...body, caname: ca.caName };
}

async function call(
  ca: CaConnection,
  method: 'GET' | 'POST' | 'PUT',
  url: URL,
  body: string,
  auth?: Registrar | string,
): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (typeof auth === 'string') headers.authorization = auth;
  else if (auth)
    headers.authorization = fabricCaToken({
      method,
      uri: url.pathname + url.search,
      body,
      certificatePem: auth.certificatePem,
      privateKey: auth.privateKey,
    });
  const response = await send(ca, method, url, headers, body);
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

async function send(
  ca: CaConnection,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  const timeoutMs = ca.timeoutMs ?? 10_000;
  const outcome = await retry(
    { retries: ca.retries ?? 2, backoffMs: ca.backoffMs ?? 250 },
    async () => {
      try {
        return await exchange(url, {
          method,
          headers,
          ...(body === '' ? {} : { body: Buffer.from(body) }),
          ...(ca.tlsCaCerts.length > 0 ? { ca: ca.tlsCaCerts } : {}),
          timeoutMs,
        });
      } catch (error) {
        // Trying again cannot make an untrusted certificate trusted: say which one, once.
        const kind = classifyTlsFailure(error);
        if (kind && isServerCertificateRefused(kind))
          throw new CaTlsError(await describeUntrustedServer(url, { kind, code: failureReason(error) }, ca, timeoutMs));
        throw error;
      }
    },
    { retryable: (error) => !(error instanceof CaTlsError) },
  );
  if (outcome.ok) return outcome.value;
  throw new UnreachableError(unreachableText(url, outcome.attempts, failureReason(outcome.lastError)));
}
