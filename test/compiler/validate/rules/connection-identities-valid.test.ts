// Connection identities read from the environment variables the spec names, as apply reads them: a key that is
// not the certificate's, a certificate from another organization's CA, and values that do not parse are refused
// at the identity's secret names; unset variables are nothing to check; no message carries a byte of a key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../src/compiler/validate/rule-context.js';
import { checkConnectionIdentities } from '../../../../src/compiler/validate/rules/connection-identities-valid.js';
import { at, runRule } from '../../../helpers/expect-diagnostics.js';
import { repoRoot } from '../../../helpers/run-cli.js';
import { specYaml } from './_base-spec.js';

// The supply-chain example's demo material: org1 stands for the manufacturer (its MSP folder).
const EXAMPLE = join(repoRoot, 'networks', 'supply-chain');
const read = (path: string) => readFileSync(join(EXAMPLE, 'crypto', path), 'utf8');
const adminOf = (org: string) => {
  const msp = `${org}/users/Admin@${org}.supply.example.com/msp`;
  return {
    cert: read(`${msp}/signcerts/Admin@${org}.supply.example.com-cert.pem`),
    key: read(`${msp}/keystore/priv_sk`),
  };
};
const manufacturer = adminOf('manufacturer');
const distributor = adminOf('distributor');

const yaml = specYaml((s) => {
  s.organizations.org1!.msp = { directory: 'crypto/manufacturer/msp' };
  s.connection = {
    identities: { org1: { certificate: { secret: 'ORG1_CERT' }, privateKey: { secret: 'ORG1_KEY' } } },
  };
});
const withEnv =
  (env: Record<string, string>): Rule =>
  (ctx) =>
    checkConnectionIdentities(ctx, env);
const run = (env: Record<string, string>) => runRule(withEnv(env), yaml, EXAMPLE);
const CERT_AT = () => at(yaml, 'secret: ^ORG1_CERT');
const KEY_AT = () => at(yaml, 'secret: ^ORG1_KEY');

/** No 8-character run of the key's base64 appears in any message or hint. */
function expectNoKeyBytes(texts: string[], keyPem: string): void {
  const body = keyPem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
  for (const text of texts)
    for (let start = 0; start + 8 <= body.length; start++) expect(text).not.toContain(body.slice(start, start + 8));
}

describe('connectionIdentitiesValid', () => {
  it('accepts the organization’s own admin whose key belongs to its certificate', () => {
    expect(run({ ORG1_CERT: manufacturer.cert, ORG1_KEY: manufacturer.key }).lines).toEqual([]);
  });

  it('has nothing to check where the variables are not set (the plan workflow holds no secret)', () => {
    expect(run({}).lines).toEqual([]);
    expect(run({ ORG1_CERT: manufacturer.cert }).lines).toEqual([]);
  });

  it('refuses a key that is not the certificate’s, at the key’s secret name, with the certificate related', () => {
    const result = run({ ORG1_CERT: manufacturer.cert, ORG1_KEY: distributor.key });
    expect(result.lines).toEqual([`${KEY_AT()} error NS_IDENTITY_KEY_MISMATCH`]);
    const finding = result.diagnostics[0]!;
    expect(finding.message).toMatch(
      /^connection identity of organization 'org1': the private key in ORG1_KEY does not belong to the certificate in ORG1_CERT \(.*CN=Admin@manufacturer\.supply\.example\.com\)$/,
    );
    expect(finding.hint).toContain('Authentication failure');
    expect(finding.ranges).toHaveLength(2);
    expectNoKeyBytes([finding.message, finding.hint ?? ''], distributor.key);
  });

  it('refuses an identity another organization’s CA issued: it is no member, and its CA is not the org’s', () => {
    const result = run({ ORG1_CERT: distributor.cert, ORG1_KEY: distributor.key });
    expect(result.lines).toEqual([`${CERT_AT()} error NS_IDENTITY_NOT_MEMBER`]);
    expect(result.diagnostics[0]!.message).toMatch(
      /^connection identity of organization 'org1': the certificate in ORG1_CERT \(.*CN=Admin@distributor\.supply\.example\.com, issued by .*CN=ca\.distributor\.supply\.example\.com\) is not issued by a CA of Org1MSP's MSP \(cacerts, intermediatecerts\)$/,
    );
    expect(result.diagnostics[0]!.hint).toContain('would not be members');
  });

  it('refuses values that do not parse, without quoting them', () => {
    const notCertificate = run({ ORG1_CERT: manufacturer.key, ORG1_KEY: manufacturer.key });
    expect(notCertificate.lines).toEqual([`${CERT_AT()} error NS_IDENTITY_INVALID`]);
    expect(notCertificate.diagnostics[0]!.message).toBe(
      "connection identity of organization 'org1': the variable ORG1_CERT holds no PEM CERTIFICATE block",
    );
    expectNoKeyBytes([notCertificate.diagnostics[0]!.message], manufacturer.key);

    const truncated = manufacturer.key.slice(0, 120);
    const notKey = run({ ORG1_CERT: manufacturer.cert, ORG1_KEY: truncated });
    expect(notKey.lines).toEqual([`${KEY_AT()} error NS_IDENTITY_INVALID`]);
    expect(notKey.diagnostics[0]!.message).toBe(
      "connection identity of organization 'org1': the variable ORG1_KEY does not hold a PEM private key netspec can read",
    );
  });
});
