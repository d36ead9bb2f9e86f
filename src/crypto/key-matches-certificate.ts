// Whether a private key belongs to a certificate: the public key derived from the private key equals the
// certificate's (SubjectPublicKeyInfo DER compared byte for byte). The key is parsed only to derive its public
// half and is never returned, quoted or logged; a key that does not parse is reported as such, nothing more.
// `validate` (connection identities) and `apply --users` (the CA admin) decide with this one function.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export type KeyMatch = 'match' | 'mismatch' | 'unreadable';

export function keyMatchesCertificate(certificate: { readonly publicKey: KeyObject }, privateKeyPem: string): KeyMatch {
  let derived: Buffer;
  try {
    derived = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
  } catch {
    return 'unreadable';
  }
  return derived.equals(certificate.publicKey.export({ type: 'spki', format: 'der' })) ? 'match' : 'mismatch';
}
