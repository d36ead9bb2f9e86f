// Certificates read once per process, by their bytes: plan reads the same CA, admin and TLS certificates from the
// spec's files, from every channel's live config and from the configs it builds (a 200-organization consortium
// names each of its ~1000 certificates in a dozen places). Keyed by the DER itself, never by a path or by where
// the bytes were found, so two files holding one certificate share one reading and a changed file is read anew.
import { type Certificate, CertificateFormatError, readCertificate } from './read-certificate.js';

const read = new Map<string, Certificate | CertificateFormatError>();
/**
 * PEM texts already read, to their reading: Fabric's configs hold certificates as PEM, and a consortium's live
 * configs repeat each organization's certificates in every channel; finding the PEM block and decoding its base64
 * a hundred times cost more than reading the certificate once.
 */
const readPem = new Map<string, Certificate | CertificateFormatError>();
/** Far above any consortium's certificate count; a bound so a long-lived process cannot grow without end. */
const MAX_REMEMBERED = 16_384;

/** The certificate of `bytes` (DER, or PEM text/bytes: the first CERTIFICATE block); throws CertificateFormatError. */
export function parsedCertificate(bytes: Uint8Array | string): Certificate {
  const result = isDer(bytes) ? readingOfDer(bytes) : readingOfPem(textOf(bytes));
  if (result instanceof CertificateFormatError) throw result;
  return result;
}

function readingOfPem(text: string): Certificate | CertificateFormatError {
  let result = readPem.get(text);
  if (result === undefined) {
    try {
      result = readingOfDer(pemCertificateDer(text));
    } catch (error) {
      if (!(error instanceof CertificateFormatError)) throw error;
      result = error;
    }
    remember(readPem, text, result);
  }
  return result;
}

function readingOfDer(bytes: Uint8Array): Certificate | CertificateFormatError {
  const der = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = der.toString('latin1');
  let result = read.get(key);
  if (result === undefined) {
    try {
      result = readCertificate(der);
    } catch (error) {
      if (!(error instanceof CertificateFormatError)) throw error;
      result = error;
    }
    remember(read, key, result);
  }
  return result;
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= MAX_REMEMBERED) map.clear();
  map.set(key, value);
}

const readBase64 = new Map<string, Certificate | undefined>();

/**
 * The certificate configtxlator JSON holds as base64 (of its PEM, or of its DER), or undefined when it is not one.
 * Keyed by the text as well: a consortium's live configs repeat each organization's certificates in every channel,
 * and decoding the same base64 and PEM a hundred times cost more than reading the certificate once.
 */
export function parsedCertificateOfBase64(base64: string): Certificate | undefined {
  let result = readBase64.get(base64);
  if (result === undefined && !readBase64.has(base64)) {
    result = parsedCertificateOrUndefined(Buffer.from(base64, 'base64'));
    remember(readBase64, base64, result);
  }
  return result;
}

/** The certificate of `bytes`, or undefined when they are not one (for readers whose caller reports that). */
export function parsedCertificateOrUndefined(bytes: Uint8Array | string): Certificate | undefined {
  try {
    return parsedCertificate(bytes);
  } catch (error) {
    if (error instanceof CertificateFormatError) return undefined;
    throw error;
  }
}

/** DER as given (it starts with a SEQUENCE tag), or decoded from the first PEM CERTIFICATE block. */
export function derOf(bytes: Uint8Array | string): Buffer {
  if (isDer(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return pemCertificateDer(textOf(bytes));
}

function isDer(bytes: Uint8Array | string): bytes is Uint8Array {
  return typeof bytes !== 'string' && bytes[0] === 0x30;
}

function textOf(bytes: Uint8Array | string): string {
  return typeof bytes === 'string'
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** The DER of the first PEM CERTIFICATE block of `text`; throws CertificateFormatError. */
export function pemCertificateDer(text: string): Buffer {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (!match) throw new CertificateFormatError('no PEM CERTIFICATE block');
  const body = match[1]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0)
    throw new CertificateFormatError('the PEM CERTIFICATE block is not base64');
  return Buffer.from(body, 'base64');
}
