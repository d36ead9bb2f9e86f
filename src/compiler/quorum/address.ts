// Ethereum addresses of Quorum nodes. A validator's address is the last 20 bytes of keccak-256 over its
// 64-byte node public key (x || y, no 0x04 prefix): that is what the extraData lists and what votes name.
import { ECDH } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, strip0x } from './hex.js';

/**
 * Keys (lower-case hex) already found on the curve in this process, with their addresses once taken: a
 * consortium's validator keys are checked by the spec's rules and then again for every address taken from them
 * (the transitions, the votes file and plan.md each name every validator): a verify with 62 validators hashed
 * 186 times (17–22 ms of keccak-256 in JavaScript) and now hashes 62 (8–10 ms).
 */
const keysOnCurve = new Map<string, string | undefined>();

/** Why `text` is not a 64-byte secp256k1 public key, or undefined when it is one. */
export function publicKeyProblem(text: string): string | undefined {
  const hex = strip0x(text.trim());
  if (keysOnCurve.has(hex.toLowerCase())) return undefined;
  if (!/^[0-9a-fA-F]*$/.test(hex)) return 'it is not hexadecimal';
  if (hex.length === 130 && hex.toLowerCase().startsWith('04'))
    return 'it carries the 04 prefix: write the 64 bytes after it';
  if (hex.length !== 128) return `it is ${Math.floor(hex.length / 2)} bytes long, not 64`;
  try {
    // OpenSSL refuses a point off the curve or with a coordinate not below the field prime (ec_GFp_simple_oct2point
    // and EC_POINT_set_affine_coordinates): node:crypto checks the key without loading a curve library at start-up.
    // Converting the point to its compressed form runs exactly that check and nothing more, in about 11 µs; an
    // import as a SubjectPublicKeyInfo went through OpenSSL 3's decoder chain first (about 115 µs).
    ECDH.convertKey(Buffer.from(`04${hex}`, 'hex'), 'secp256k1', undefined, undefined, 'compressed');
    keysOnCurve.set(hex.toLowerCase(), undefined);
    return undefined;
  } catch {
    return 'it is not a point on the secp256k1 curve';
  }
}

/** The lower-case `0x` address of a node public key; call publicKeyProblem first, this throws on bad input. */
export function addressFromPublicKey(publicKey: string): string {
  const problem = publicKeyProblem(publicKey);
  if (problem) throw new Error(`not a node public key: ${problem}`);
  const hex = strip0x(publicKey.trim()).toLowerCase();
  let address = keysOnCurve.get(hex);
  if (address === undefined) {
    address = bytesToHex(keccak_256(hexToBytes(hex)!).subarray(12));
    keysOnCurve.set(hex, address);
  }
  return address;
}

/** Why `text` is not a 20-byte hex address (mixed case must carry a valid EIP-55 checksum), or undefined. */
export function addressProblem(text: string): string | undefined {
  if (!/^0x/i.test(text)) return 'it does not start with 0x';
  const hex = text.slice(2);
  if (!/^[0-9a-fA-F]*$/.test(hex)) return 'it is not hexadecimal';
  if (hex.length !== 40) return `it is ${Math.floor(hex.length / 2)} bytes long, not 20`;
  const mixedCase = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  // EIP-55: a mixed-case address is a checksum; a wrong one is a typo we must not turn into a validator.
  if (mixedCase && toChecksumAddress(text) !== `0x${hex}`) return 'its mixed-case EIP-55 checksum is wrong';
  return undefined;
}

/** EIP-55 casing: a hex letter is upper case when the matching nibble of keccak-256(lower-case hex) is >= 8. */
export function toChecksumAddress(address: string): string {
  const lower = strip0x(address).toLowerCase();
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString('hex');
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const char = lower[i]!;
    out += Number.parseInt(hash[i]!, 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/** The canonical comparison form: lower case with 0x. */
export function normalizeAddress(address: string): string {
  return `0x${strip0x(address).toLowerCase()}`;
}
