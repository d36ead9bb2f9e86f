// A key on a real SoftHSM2 token, in process: the key softhsm2-util imports cannot be read back (the test asks the
// token itself, through pkcs11js, not through netspec), and every signature netspec makes with it is low-S DER that
// verifies, although the token's own r || s is high-S about half the time.
import { createPublicKey, verify as cryptoVerify, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Pkcs11Binding from 'pkcs11js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTokenKey } from '../../../src/crypto/pkcs11/index.js';
import {
  decodeDerSignature,
  decodeRawSignature,
  isLowS,
  P256_ORDER,
  P384_ORDER,
  signLowS,
  verifyFabricSignature,
} from '../../../src/governance/ecdsa-signature.js';
import { createSoftHsm, importKey, keyUri, SOFTHSM_MODULE, type SoftHsm } from '../../helpers/softhsm.js';

const pkcs11js = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11Binding;

let hsm: SoftHsm;
const keys = {
  p256: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
  p384: generateKeyPairSync('ec', { namedCurve: 'secp384r1' }),
};

beforeAll(() => {
  hsm = createSoftHsm();
  // The module reads SOFTHSM2_CONF when it is initialised, once per process: set it before anything opens it.
  process.env.SOFTHSM2_CONF = hsm.env.SOFTHSM2_CONF;
  for (const [label, pair] of Object.entries(keys)) {
    const file = join(hsm.dir, `${label}.pem`);
    writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    importKey(hsm, label, file);
  }
});

describe('a private key on a SoftHSM2 token', () => {
  it('is sensitive and not extractable: the token refuses to return CKA_VALUE', () => {
    const token = new pkcs11js.PKCS11();
    token.load(SOFTHSM_MODULE);
    try {
      token.C_Initialize();
    } catch (error) {
      if ((error as Error).message !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw error;
    }
    const slot = token.C_GetSlotList(true).find((s) => token.C_GetTokenInfo(s).label.trim() === 'p256')!;
    const session = token.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      token.C_Login(session, pkcs11js.CKU_USER, hsm.userPin);
    } catch (error) {
      if ((error as Error).message !== 'CKR_USER_ALREADY_LOGGED_IN') throw error;
    }
    token.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }]);
    const [key] = token.C_FindObjects(session, 2);
    token.C_FindObjectsFinal(session);
    const flags = token.C_GetAttributeValue(session, key!, [
      { type: pkcs11js.CKA_SENSITIVE },
      { type: pkcs11js.CKA_EXTRACTABLE },
    ]);
    expect(flags.map((attribute) => (attribute.value as Buffer)[0])).toEqual([1, 0]);
    expect(() => token.C_GetAttributeValue(session, key!, [{ type: pkcs11js.CKA_VALUE }])).toThrow(
      'CKR_ATTRIBUTE_SENSITIVE',
    );
    token.C_CloseSession(session);
  });

  for (const [curve, order, half] of [
    ['p256', P256_ORDER, 32],
    ['p384', P384_ORDER, 48],
  ] as const) {
    it(`signs low-S DER with a ${curve.toUpperCase()} key, normalising the token's high-S answers`, () => {
      const publicKey = createPublicKey(keys[curve].privateKey);
      const key = openTokenKey(keyUri(hsm, curve), publicKey);
      // What the token answers: r || s, half the bytes each, and high-S about one time in two.
      const raw = Array.from({ length: 24 }, (_, i) => key.signDigest(new Uint8Array(32).fill(i + 1)));
      expect(raw.every((signature) => signature.length === 2 * half)).toBe(true);
      expect(raw.some((signature) => !isLowS(decodeRawSignature(signature, order)!, order))).toBe(true);

      for (let i = 0; i < 24; i++) {
        const message = new TextEncoder().encode(`config update ${i}`);
        const der = signLowS(message, key);
        const decoded = decodeDerSignature(der, order);
        expect(decoded && isLowS(decoded, order)).toBe(true);
        expect(verifyFabricSignature(message, der, publicKey)).toEqual({ ok: true });
        expect(cryptoVerify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
      }
    });
  }

  it("refuses a key that is not the certificate's, found by id= as well as by label", () => {
    const other = createPublicKey(keys.p384.privateKey);
    expect(() => openTokenKey(keyUri(hsm, 'p256'), other)).toThrow(
      'pkcs11:token=p256;object=admin;type=private: the key on the token is not the private key of the certificate',
    );
    const byId = `pkcs11:token=p256;id=%01?module-path=${SOFTHSM_MODULE}&pin-source=${hsm.pinFile}`;
    expect(openTokenKey(byId, createPublicKey(keys.p256.privateKey)).description).toBe('pkcs11:token=p256;id=%01');
    const noSuchId = `pkcs11:token=p256;id=%02?module-path=${SOFTHSM_MODULE}&pin-source=${hsm.pinFile}`;
    expect(() => openTokenKey(noSuchId, createPublicKey(keys.p256.privateKey))).toThrow(
      'the token holds no private key with that object label and id',
    );
  });
});

describe('decodeRawSignature', () => {
  it('takes r || s of equal halves within the order, and nothing else', () => {
    const one = new Uint8Array(32);
    one[31] = 1;
    expect(decodeRawSignature(new Uint8Array([...one, ...one]), P256_ORDER)).toEqual({ r: 1n, s: 1n });
    expect(decodeRawSignature(new Uint8Array([...one, ...one.subarray(1)]), P256_ORDER)).toBeUndefined();
    expect(decodeRawSignature(new Uint8Array(64), P256_ORDER)).toBeUndefined();
    expect(decodeRawSignature(new Uint8Array(96).fill(1), P256_ORDER)).toBeUndefined();
    const order = Buffer.from(P256_ORDER.toString(16), 'hex');
    expect(decodeRawSignature(new Uint8Array([...one, ...order]), P256_ORDER)).toBeUndefined();
  });
});
