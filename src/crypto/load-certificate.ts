// Reading certificates other stages rely on (validation, channel config, signing). Synchronous on purpose:
// validation rules are synchronous. Each distinct certificate is read once per process (parsed-certificates.ts).
import { readFileSync, statSync } from 'node:fs';
import { parsedCertificate } from './parsed-certificates.js';
import type { Certificate } from './read-certificate.js';

/** Certificates are small; anything larger is not one, and is not read into memory. */
const MAX_CERTIFICATE_BYTES = 64 * 1024;

export type CertificateLoad =
  | { ok: true; certificate: Certificate; pem: string }
  | { ok: false; reason: 'missing' | 'invalid'; message: string };

/** Loads the first certificate of a PEM file. */
export function loadCertificate(file: string): CertificateLoad {
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) return { ok: false, reason: 'missing', message: `${file} is not a file` };
    if (stats.size > MAX_CERTIFICATE_BYTES) {
      return { ok: false, reason: 'invalid', message: `${file} is ${stats.size} bytes, too large for a certificate` };
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, reason: 'missing', message: `${file} does not exist or cannot be read` };
  }
  return parseCertificatePem(text, file);
}

/** Parses PEM text; `origin` names it in the message. Only a CERTIFICATE block is accepted (not a key). */
export function parseCertificatePem(text: string, origin: string): CertificateLoad {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (!match) return { ok: false, reason: 'invalid', message: `${origin} holds no PEM CERTIFICATE block` };
  try {
    return { ok: true, certificate: parsedCertificate(match[0]), pem: match[0] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'invalid', message: `${origin} does not parse as X.509 (${detail})` };
  }
}
