// Fabric keys an identity by the hash of its *sanitized* certificate (msp/mspimpl.go newIdentity -> sanitizeCert):
// a certificate an ECDSA CA signed has that signature rewritten to low-S first. So the same certificate presented
// once with s and once with N - s (both verify) is one identity, and SignatureSetToValidIdentities counts it once.
import type { KeyObject } from 'node:crypto';
import type { Certificate } from '../crypto/read-certificate.js';
import { curveOrderOf, decodeDerSignature, encodeDerSignature, toLowS } from './ecdsa-signature.js';

/** ecdsa-with-SHA256, -SHA384, -SHA512. */
const ECDSA_SIGNATURE_OIDS = ['1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4'];

/**
 * The certificate's DER with its signature in low-S form against the order of its issuer's curve (P-256 or P-384,
 * the curves Fabric's CAs use; for another curve the DER is returned unchanged).
 */
export function sanitizedCertificateDer(certificate: Certificate, issuerKey: KeyObject): Buffer {
  const der = certificate.raw;
  const order = curveOrderOf(issuerKey);
  if (order === undefined) return der;
  if (!ECDSA_SIGNATURE_OIDS.includes(certificate.signatureAlgorithm)) return der;
  const signature = decodeDerSignature(certificate.signature, order);
  if (!signature) return der;
  const low = toLowS(signature, order);
  if (low.s === signature.s) return der;
  const bitString = tlv(0x03, Buffer.concat([Buffer.from([0]), Buffer.from(encodeDerSignature(low))]));
  return tlv(0x30, Buffer.concat([certificate.tbs, certificate.signatureAlgorithmField, bitString]));
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}
