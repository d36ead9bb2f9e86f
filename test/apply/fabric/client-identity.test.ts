// The identity fetch, verify --fetch and apply act with: when it cannot be used, the refusal says what to give,
// with a code (NS_IDENTITY_MISSING, NS_IDENTITY_INVALID, NS_IDENTITY_KEY_MISMATCH) and a hint, before anything is
// sent. The key's text never appears in a refusal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseIdentity } from '../../../src/apply/fabric/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { runCliInProcess } from '../../helpers/run-cli-in-process.js';

const example = join(repoRoot, 'networks', 'supply-chain');
const { model } = loadSpec(join(example, 'network.yaml')).value!;
const adminMsp = (org: string) => join(example, 'crypto', org, 'users', `Admin@${org}.supply.example.com`, 'msp');
const certFile = (org: string) => join(adminMsp(org), 'signcerts', `Admin@${org}.supply.example.com-cert.pem`);
const keyFile = (org: string) => join(adminMsp(org), 'keystore', 'priv_sk');

describe('chooseIdentity refusals', () => {
  it('an identity variable not set: NS_IDENTITY_MISSING, naming the variable', () => {
    const chosen = chooseIdentity(model, { org: 'operator', env: {} });
    expect(chosen).toMatchObject({
      code: 'NS_IDENTITY_MISSING',
      error: "the environment variable NETSPEC_OPERATOR_ADMIN_CERT (operator's certificate) is not set",
    });
    expect('hint' in chosen && chosen.hint).toMatch(/set NETSPEC_OPERATOR_ADMIN_CERT .* or pass --cert and --key/);
    const keyUnset = chooseIdentity(model, {
      org: 'operator',
      env: { NETSPEC_OPERATOR_ADMIN_CERT: readFileSync(certFile('operator'), 'utf8') },
    });
    expect(keyUnset).toMatchObject({ code: 'NS_IDENTITY_MISSING' });
    expect('error' in keyUnset && keyUnset.error).toContain('NETSPEC_OPERATOR_ADMIN_KEY');
  });

  it('an organization the spec names no identity for: NS_IDENTITY_MISSING, pointing at connection.identities', () => {
    const chosen = chooseIdentity(model, { org: 'retailer', env: {} });
    expect(chosen).toMatchObject({ code: 'NS_IDENTITY_MISSING' });
    expect('hint' in chosen && chosen.hint).toContain('connection.identities.retailer');
  });

  it('a key of another certificate: NS_IDENTITY_KEY_MISMATCH, without the key', () => {
    const chosen = chooseIdentity(model, {
      org: 'operator',
      certFile: certFile('operator'),
      keyFile: keyFile('manufacturer'),
    });
    expect(chosen).toMatchObject({
      code: 'NS_IDENTITY_KEY_MISMATCH',
      error: "operator's private key does not belong to its certificate",
    });
    expect(JSON.stringify(chosen)).not.toMatch(/PRIVATE KEY/);
  });

  it('a certificate that is not one: NS_IDENTITY_INVALID', () => {
    const chosen = chooseIdentity(model, {
      org: 'operator',
      env: { NETSPEC_OPERATOR_ADMIN_CERT: 'not a certificate', NETSPEC_OPERATOR_ADMIN_KEY: 'nor a key' },
    });
    expect(chosen).toMatchObject({ code: 'NS_IDENTITY_INVALID' });
  });

  it('the identity the spec names, when its variables hold a matching pair, is chosen', () => {
    const chosen = chooseIdentity(model, {
      org: 'operator',
      env: {
        NETSPEC_OPERATOR_ADMIN_CERT: readFileSync(certFile('operator'), 'utf8'),
        NETSPEC_OPERATOR_ADMIN_KEY: readFileSync(keyFile('operator'), 'utf8'),
      },
    });
    expect('identity' in chosen && chosen.identity.signer.mspId).toBe('OperatorMSP');
  });
});

describe('netspec fetch without its identity', () => {
  it('stops before reaching any node, printing the code and the hint', async () => {
    const result = await runCliInProcess(
      ['fetch', 'networks/supply-chain/network.yaml', '--org', 'operator', '--out', 'never-written'],
      { env: { NETSPEC_OPERATOR_ADMIN_CERT: '', NETSPEC_OPERATOR_ADMIN_KEY: '' } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error NS_IDENTITY_MISSING the environment variable NETSPEC_OPERATOR_ADMIN_CERT (operator's certificate) is not set",
    );
    expect(result.stderr).toContain('hint: set NETSPEC_OPERATOR_ADMIN_CERT');
  });
});
