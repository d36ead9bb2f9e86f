import { describe, it } from 'vitest';
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
