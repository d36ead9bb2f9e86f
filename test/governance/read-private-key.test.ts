// What `sign --key` says about a key it cannot use: the reason, never the key's bytes.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readP256PrivateKey, readSigningPrivateKey } from '../../src/governance/ecdsa-signature.js';

describe('readP256PrivateKey', () => {
  it('reads a P-256 key in PKCS#8 and SEC1', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (const type of ['pkcs8', 'sec1'] as const) {
      const pem = privateKey.export({ type, format: 'pem' }) as string;
      expect(readP256PrivateKey(pem)).toHaveProperty('key');
    }
  });

  it('says an encrypted key is encrypted and must be decrypted, in PKCS#8 and in the legacy PEM form', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' });
    const sec1 = privateKey.export({ type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' });
    for (const pem of [pkcs8, sec1] as string[]) {
      const read = readP256PrivateKey(pem);
      expect(read).toEqual({
        error: expect.stringMatching(/^the key file holds an encrypted private key; netspec needs it decrypted/),
      });
      expect(JSON.stringify(read)).not.toContain(pem.trim().split('\n').at(-2)!);
    }
  });

  it('names a P-384 key as such where only P-256 is taken, and says that `netspec sign` takes it', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const read = readP256PrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    expect(read).toEqual({
      error: expect.stringMatching(/^the key is an ECDSA P-384 key: .*`netspec sign` signs with them/),
    });
  });

  it('the signing key of `netspec sign` may be P-256 or P-384, in PKCS#8 and SEC1, and nothing else', () => {
    for (const namedCurve of ['prime256v1', 'secp384r1']) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve });
      for (const type of ['pkcs8', 'sec1'] as const) {
        const read = readSigningPrivateKey(privateKey.export({ type, format: 'pem' }) as string);
        expect(read).toHaveProperty('key');
      }
    }
    const { privateKey: p521 } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    expect(readSigningPrivateKey(p521.export({ type: 'pkcs8', format: 'pem' }) as string)).toEqual({
      error: expect.stringContaining('not an ECDSA P-256 or P-384 key (it is secp521r1)'),
    });
  });

  it('names the kind of any other key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const read = readP256PrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    expect(read).toEqual({ error: expect.stringContaining('(it is ed25519)') });
    expect(readP256PrivateKey('not a key')).toEqual({ error: 'the key file does not hold a PEM private key' });
  });
});
