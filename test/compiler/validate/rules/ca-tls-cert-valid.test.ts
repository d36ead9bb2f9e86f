import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caTlsCertValid } from '../../../../src/compiler/validate/rules/ca-tls-cert-valid.js';
import { runRule } from '../../../helpers/expect-diagnostics.js';
import { repoRoot } from '../../../helpers/run-cli.js';
import { specYaml } from './_base-spec.js';

// The supply-chain example's demo material: a TLS root and a TLS server certificate it issued.
const EXAMPLE = join(repoRoot, 'networks', 'supply-chain');
const TLS_ROOT = 'crypto/operator/tlsca/tlsca.operator.supply.example.com-cert.pem';
const TLS_LEAF = 'crypto/manufacturer/peers/peer0.manufacturer.supply.example.com/tls/server.crt';

const withTlsCaCert = (file: string) =>
  specYaml((s) => {
    s.organizations.org1!.ca = { tlsCACert: file };
  });

describe('caTlsCertValid', () => {
  it('accepts a CA certificate', () => {
    expect(runRule(caTlsCertValid, withTlsCaCert(TLS_ROOT), EXAMPLE).lines).toEqual([]);
  });

  it('reports a missing file and a certificate that is not a CA, at the field', () => {
    const missing = runRule(caTlsCertValid, withTlsCaCert('crypto/nope.pem'), EXAMPLE);
    expect(missing.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'NS_CA_TLS_CERT_INVALID',
        `ca.tlsCACert of organization 'org1': ${join(EXAMPLE, 'crypto/nope.pem')} does not exist or cannot be read`,
      ],
    ]);
    const leaf = runRule(caTlsCertValid, withTlsCaCert(TLS_LEAF), EXAMPLE);
    expect(leaf.diagnostics.map((d) => d.code)).toEqual(['NS_CA_TLS_CERT_INVALID']);
    expect(leaf.diagnostics[0]!.message).toMatch(
      /^ca\.tlsCACert of organization 'org1': 'crypto\/manufacturer\/peers\/.*server\.crt' is not a CA certificate \(/,
    );
    expect(leaf.lines[0]).toMatch(/^\d+:\d+ error NS_CA_TLS_CERT_INVALID$/);
  });
});
