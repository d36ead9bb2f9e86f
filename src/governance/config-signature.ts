// A Fabric ConfigSignature as `peer channel signconfigtx` makes it: SignatureHeader{creator: marshalled
// msp.SerializedIdentity{mspid, id_bytes: PEM cert}, nonce: 24 random bytes}, and an ECDSA signature over
// SHA-256(signature_header || config_update). Contract: config_update is the exact bytes given, never re-encoded.

import { randomBytes } from 'node:crypto';
import { concatBytes } from '../bytes.js';
import { decode, encode, type ProtoMessage } from '../compiler/fabric/index.js';
import { type SigningKey, signLowS } from './ecdsa-signature.js';

/** protoutil.NonceSize */
export const NONCE_SIZE = 24;

export interface ConfigSignatureBytes {
  signature_header: Uint8Array;
  signature: Uint8Array;
}

export interface SigningIdentity {
  mspId: string;
  /** The PEM certificate exactly as it will travel in id_bytes. */
  certificatePem: string;
  /** A key in memory or one on a PKCS#11 token: signLowS makes the same low-S DER with either. */
  privateKey: SigningKey;
}

export interface Creator {
  mspId: string;
  idBytes: Uint8Array;
}

export function serializeIdentity(mspId: string, certificatePem: string): Uint8Array {
  return mustEncode('msp.SerializedIdentity', { mspid: mspId, id_bytes: new TextEncoder().encode(certificatePem) });
}

/** A marshalled common.SignatureHeader with a fresh nonce (protoutil.NewSignatureHeader). */
export function newSignatureHeader(identity: SigningIdentity, nonce: Uint8Array = randomBytes(NONCE_SIZE)): Uint8Array {
  return mustEncode('common.SignatureHeader', {
    creator: serializeIdentity(identity.mspId, identity.certificatePem),
    nonce,
  });
}

export function makeConfigSignature(identity: SigningIdentity, configUpdate: Uint8Array): ConfigSignatureBytes {
  const signatureHeader = newSignatureHeader(identity);
  return {
    signature_header: signatureHeader,
    signature: signLowS(concatBytes([signatureHeader, configUpdate]), identity.privateKey),
  };
}

/** The creator inside a marshalled SignatureHeader, or why it cannot be read (Fabric rejects the whole update then). */
export function readCreator(signatureHeader: Uint8Array): { creator: Creator } | { error: string } {
  const header = decode('common.SignatureHeader', signatureHeader);
  if (!header.value) return { error: 'the signature header does not decode as common.SignatureHeader' };
  const creatorBytes = (header.value.creator as Uint8Array | null | undefined) ?? new Uint8Array();
  const identity = decode('msp.SerializedIdentity', creatorBytes);
  if (!identity.value) return { error: 'the signature header creator is not an msp.SerializedIdentity' };
  return {
    creator: {
      mspId: String(identity.value.mspid ?? ''),
      idBytes: (identity.value.id_bytes as Uint8Array | null | undefined) ?? new Uint8Array(),
    },
  };
}

function mustEncode(type: string, message: ProtoMessage): Uint8Array {
  const bytes = encode(type, message);
  if (!bytes.value) throw new Error(`cannot encode ${type}: ${bytes.diagnostics[0]?.message}`);
  return bytes.value;
}
