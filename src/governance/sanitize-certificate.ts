// Fabric keys an identity by the hash of its *sanitized* certificate (msp/mspimpl.go newIdentity -> sanitizeCert):
// a certificate an ECDSA CA signed has that signature rewritten to low-S first. So the same certificate presented
// once with s and once with N - s (both verify) is one identity, and SignatureSetToValidIdentities counts it once.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { children, encodingOf, OID, readElement } from './_der.js';
import { decodeDerSignature, encodeDerSignature, toLowS } from './ecdsa-signature.js';

/**
 * The certificate's DER with its signature in low-S form, when its issuer's key is P-256 (the curve Fabric's CAs
 * use; for another curve the DER is returned unchanged).
 */
export function sanitizedCertificateDer(certificate: X509Certificate, issuerKey: KeyObject): Buffer {
  const der = certificate.raw;
  if (issuerKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return der;
  const [tbs, algorithm, signatureValue] = children(der, readElement(der, 0));
  if (!tbs || !algorithm || signatureValue?.tag !== 0x03) return der;
  const algorithmOid = children(der, algorithm)[0];
  if (!algorithmOid || !Buffer.from(der.subarray(algorithmOid.start, algorithmOid.end)).equals(OID.ecdsaWithSha256))
    return der;
  const signature = decodeDerSignature(der.subarray(signatureValue.start + 1, signatureValue.end));
  if (!signature) return der;
  const low = toLowS(signature);
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
