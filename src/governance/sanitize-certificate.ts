// Fabric keys an identity by the hash of its *sanitized* certificate (msp/mspimpl.go newIdentity -> sanitizeCert):
// a certificate an ECDSA CA signed has that signature rewritten to low-S first. So the same certificate presented
// once with s and once with N - s (both verify) is one identity, and SignatureSetToValidIdentities counts it once.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { children, encodingOf, OID, readElement } from '../crypto/_der.js';
import { curveOrderOf, decodeDerSignature, encodeDerSignature, toLowS } from './ecdsa-signature.js';

const ECDSA_SIGNATURE_OIDS = [OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512];

/**
 * The certificate's DER with its signature in low-S form against the order of its issuer's curve (P-256 or P-384,
 * the curves Fabric's CAs use; for another curve the DER is returned unchanged).
 */
export function sanitizedCertificateDer(certificate: X509Certificate, issuerKey: KeyObject): Buffer {
  const der = certificate.raw;
  const order = curveOrderOf(issuerKey);
  if (order === undefined) return der;
  const [tbs, algorithm, signatureValue] = children(der, readElement(der, 0));
  if (!tbs || !algorithm || signatureValue?.tag !== 0x03) return der;
  const algorithmOid = children(der, algorithm)[0];
  if (!algorithmOid) return der;
  const oid = Buffer.from(der.subarray(algorithmOid.start, algorithmOid.end));
  if (!ECDSA_SIGNATURE_OIDS.some((known) => known.equals(oid))) return der;
  const signature = decodeDerSignature(der.subarray(signatureValue.start + 1, signatureValue.end), order);
  if (!signature) return der;
  const low = toLowS(signature, order);
  if (low.s === signature.s) return der;
  const bitString = tlv(0x03, Buffer.concat([Buffer.from([0]), Buffer.from(encodeDerSignature(low))]));
  return tlv(0x30, Buffer.concat([encodingOf(der, tbs), encodingOf(der, algorithm), bitString]));
}

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}
