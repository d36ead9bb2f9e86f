import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyProblem } from '../../../../src/compiler/quorum/address.js';
import { quorumKeysValid } from '../../../../src/compiler/validate/rules/quorum-keys-valid.js';
import { at, expectDiagnostics } from '../../../helpers/expect-diagnostics.js';
import { specYaml, testPublicKey } from './_base-spec.js';

describe('quorumKeysValid', () => {
  it('accepts points on secp256k1, with or without 0x', () => {
    const yaml = specYaml((s) => {
      s.quorum!.payments!.validators[0]!.publicKey = `0x${testPublicKey(1).toUpperCase()}`;
    });
    expectDiagnostics(quorumKeysValid, yaml, []);
  });

  it('refuses a point off the curve, a key with the 04 prefix and a short key', () => {
    const good = testPublicKey(2);
    const offCurve = good.slice(0, -2) + (good.endsWith('00') ? '01' : '00');
    const yaml = specYaml((s) => {
      const validators = s.quorum!.payments!.validators;
      validators[1]!.publicKey = offCurve;
      validators[2]!.publicKey = `04${testPublicKey(3)}`;
      s.quorum!.payments!.members![0]!.publicKey = 'abcd';
    });
    expectDiagnostics(quorumKeysValid, yaml, [
      {
        at: at(yaml, offCurve),
        code: 'NS_QUORUM_INVALID_KEY',
        message: /validator2' .*not a point on the secp256k1 curve/,
      },
      { at: at(yaml, `04${testPublicKey(3)}`), code: 'NS_QUORUM_INVALID_KEY', message: /04 prefix/ },
      { at: at(yaml, 'publicKey: ^abcd'), code: 'NS_QUORUM_INVALID_KEY', message: /2 bytes long, not 64/ },
    ]);
  });
});

describe('publicKeyProblem', () => {
  const hex = (n: bigint) => n.toString(16).padStart(64, '0');
  const onSecp256k1 = (x: bigint, y: bigint) =>
    x < 2n ** 256n && y < 2n ** 256n ? publicKeyProblem(hex(x) + hex(y)) === undefined : false;
  const P = 2n ** 256n - 2n ** 32n - 977n;
  const coordinates = (jwk: { x?: string; y?: string }) =>
    [jwk.x!, jwk.y!].map((c) => BigInt(`0x${Buffer.from(c, 'base64url').toString('hex')}`)) as [bigint, bigint];
  /** What OpenSSL says of a point: it refuses to import one off the curve. */
  const openssl = (x: bigint, y: bigint) => {
    const part = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').toString('base64url');
    try {
      createPublicKey({ key: { kty: 'EC', crv: 'secp256k1', x: part(x), y: part(y) }, format: 'jwk' });
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with OpenSSL on keys it generated, and on the same points moved off the curve', () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
      const [x, y] = coordinates(publicKey.export({ format: 'jwk' }));
      expect(onSecp256k1(x, y)).toBe(true);
      expect(onSecp256k1(x, P - y)).toBe(true);
      for (const [a, b] of [
        [x, y + 1n],
        [x ^ 1n, y],
        [0n, 0n],
      ] as [bigint, bigint][]) {
        expect(onSecp256k1(a, b)).toBe(false);
        expect(openssl(a, b)).toBe(false);
      }
    }
  });

  it('refuses coordinates outside the field, even when they reduce to a point on the curve', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const [x, y] = coordinates(publicKey.export({ format: 'jwk' }));
    expect(onSecp256k1(x + P, y)).toBe(false);
    expect(onSecp256k1(x, y + P)).toBe(false);
    expect(onSecp256k1(P, 0n)).toBe(false);
  });
});
