// Fabric CA's token authentication, as fabric-ca v1.4+ computes it (util.GenECDSAToken / util.VerifyToken):
//   payload = METHOD "." b64(requestURI) "." b64(body) "." b64(certPEM)
//   token   = b64(certPEM) "." b64(DER ECDSA signature over SHA-256(payload))
// The signature is low-S like every Fabric BCCSP signature. The URI is the request's path and query as sent
// (`/api/v1/register`), and the body the exact bytes sent: the server recomputes the payload from both.
import type { KeyObject } from 'node:crypto';
import { signLowS } from '../../governance/index.js';

export interface TokenInput {
  method: string;
  /** Path and query, exactly as on the request line. */
  uri: string;
  body: Uint8Array | string;
  /** The registrar's certificate as PEM text (these bytes, base64-encoded, are the token's first part). */
  certificatePem: string;
  privateKey: KeyObject;
}

export function fabricCaToken(input: TokenInput): string {
  const b64cert = base64(input.certificatePem);
  const signature = signLowS(Buffer.from(tokenPayload(input.method, input.uri, input.body, b64cert)), input.privateKey);
  return `${b64cert}.${Buffer.from(signature).toString('base64')}`;
}

/** The signed string; exported so a verifier (the test CA) recomputes it exactly as Fabric CA's server does. */
export function tokenPayload(method: string, uri: string, body: Uint8Array | string, b64cert: string): string {
  return `${method}.${base64(uri)}.${base64(body)}.${b64cert}`;
}

function base64(data: Uint8Array | string): string {
  return Buffer.from(data).toString('base64');
}
