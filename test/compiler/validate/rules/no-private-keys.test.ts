import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noPrivateKeys } from '../../../../src/compiler/validate/rules/no-private-keys.js';
import { expectDiagnostics, runRule } from '../../../helpers/expect-diagnostics.js';
import { specYaml } from './_base-spec.js';

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const pkcs8 = key.export({ format: 'pem', type: 'pkcs8' }).toString();
const sec1Der = key.export({ format: 'der', type: 'sec1' }).toString('base64');
const certificateLike = `-----BEGIN CERTIFICATE-----\n${Buffer.alloc(300, 1).toString('base64')}\n-----END CERTIFICATE-----\n`;

describe('noPrivateKeys', () => {
  it('accepts a spec without keys, even with a certificate in free text', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.displayName = certificateLike;
    });
    expectDiagnostics(noPrivateKeys, yaml, []);
  });

  it('refuses a PEM key and a bare base64 DER key in any field, pointing at the value and quoting nothing', () => {
    const yaml = specYaml((s) => {
      s.organizations.ops!.displayName = pkcs8;
      s.channels!.trade!.acls = { 'qscc/GetBlockByNumber': sec1Der };
    });
    const run = runRule(noPrivateKeys, yaml);
    expect(run.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['NS_PRIVATE_KEY_IN_SPEC', 'organizations.ops.displayName holds a private key; a spec must never contain one'],
      [
        'NS_PRIVATE_KEY_IN_SPEC',
        'channels.trade.acls.qscc/GetBlockByNumber holds a private key; a spec must never contain one',
      ],
    ]);
    const [first] = run.diagnostics;
    expect(yaml.slice(first!.ranges[0]!.start, first!.ranges[0]!.end)).toContain('BEGIN PRIVATE KEY');
    const said = run.diagnostics.map((d) => `${d.message} ${d.hint}`).join('\n');
    expect(said).not.toContain(sec1Der.slice(10, 30));
    expect(said).not.toContain('PRIVATE KEY-----');
  });
});
