import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  containsKeyMaterial,
  REDACTED_KEY,
  redactKeyMaterial,
  scrubKeyMaterial,
} from '../../../src/compiler/diagnostics/key-material.js';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
const keys = {
  pkcs8: ec.export({ format: 'pem', type: 'pkcs8' }).toString(),
  sec1: ec.export({ format: 'pem', type: 'sec1' }).toString(),
  pkcs1: rsa.export({ format: 'pem', type: 'pkcs1' }).toString(),
};
const bodyOf = (pem: string) =>
  pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');

describe('key material', () => {
  it('finds PEM private keys, truncated ones and bare base64 DER keys; nothing else', () => {
    for (const pem of Object.values(keys)) {
      expect(containsKeyMaterial(pem)).toBe(true);
      expect(containsKeyMaterial(pem.slice(0, 50))).toBe(true);
      expect(containsKeyMaterial(bodyOf(pem))).toBe(true);
    }
    const certificateLike = Buffer.alloc(200, 7).toString('base64');
    expect(containsKeyMaterial(`AlphaMSP Alpha Trading ${certificateLike}`)).toBe(false);
  });

  it('redacts whole blocks and bare keys, keeping the words around them', () => {
    const text = `before ${keys.sec1} middle ${bodyOf(keys.pkcs8)} after`;
    const redacted = redactKeyMaterial(text);
    expect(redacted).toBe(`before ${REDACTED_KEY}\n middle ${REDACTED_KEY} after`);
    expect(redactKeyMaterial(`not '${keys.pkcs1.slice(0, 57)}...'`)).toBe(`not '${REDACTED_KEY}...'`);
  });

  it('scrubs a fragment cut from the middle of a key in the source the message points into', () => {
    const source = `organizations:\n  a:\n    mspId: ${bodyOf(keys.sec1)}\n`;
    const fragment = bodyOf(keys.sec1).slice(20, 77);
    expect(scrubKeyMaterial(`must be an MSP id, not '${fragment}...'`, source)).toBe(
      `must be an MSP id, not '${REDACTED_KEY}...'`,
    );
    const indented = `displayName: |\n${keys.pkcs8
      .trim()
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n')}\n`;
    const excerpt = bodyOf(keys.pkcs8).slice(64, 80);
    expect(scrubKeyMaterial(`line 3: ${excerpt}`, indented)).toBe(`line 3: ${REDACTED_KEY}`);
    expect(scrubKeyMaterial('organization alpha is fine', indented)).toBe('organization alpha is fine');
  });
});
