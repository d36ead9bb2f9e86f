// Each connection identity CI signs and registers with is usable: its certificate parses, its private key belongs
// to it, and it is issued by a CA of its organization's MSP (cacerts, through intermediatecerts). `apply` refuses a
// key that is not the certificate's before any call, and `apply --users` refuses a CA whose root is not among the
// MSP's cacerts, since the identities it enrolls would not be members of the organization. The CA admin is issued
// by that CA, so an admin that does not chain to the MSP means the CA is not the organization's (or the CA will
// not know the admin): either way apply would fail after the spec was merged.
// The identities are CI secrets, read from the environment variables the spec names, as apply reads them; where
// they are not set (the plan workflow holds no secret) there is nothing to check. The key is parsed only to derive
// its public key: no message quotes a byte of it.
import { resolve } from 'node:path';
// The certificate readers, not src/crypto/index.ts: validation must not load the generator's X.509 library.
import { chainsTo } from '../../../crypto/certificate-facts.js';
import { keyMatchesCertificate } from '../../../crypto/key-matches-certificate.js';
import { loadCertificate, parseCertificatePem } from '../../../crypto/load-certificate.js';
import type { MspSpec } from '../../model/spec.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { readMspFolder } from './_msp-folder.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const connectionIdentitiesValid: Rule = (ctx) => checkConnectionIdentities(ctx, process.env);

/** The rule over a given environment (tests pass their own). */
export function checkConnectionIdentities(ctx: RuleContext, env: NodeJS.ProcessEnv): void {
  for (const [org, identity] of entriesOf(ctx.spec.connection?.identities)) {
    const certificateVariable = identity?.certificate?.secret;
    const keyVariable = identity?.privateKey?.secret;
    if (typeof certificateVariable !== 'string' || typeof keyVariable !== 'string') continue;
    const certificateText = env[certificateVariable];
    const keyText = env[keyVariable];
    if (!certificateText || !keyText) continue;
    const base: DataPath = ['connection', 'identities', org];
    const certificateAt: DataPath = [...base, 'certificate', 'secret'];
    const keyAt: DataPath = [...base, 'privateKey', 'secret'];

    const certificate = parseCertificatePem(certificateText, `the variable ${certificateVariable}`);
    if (!certificate.ok) {
      ctx.report({
        code: 'NS_IDENTITY_INVALID',
        message: `connection identity of organization '${org}': ${certificate.message}`,
        hint: `set ${certificateVariable} to the PEM certificate of the organization's CI identity`,
        at: certificateAt,
      });
      continue;
    }
    const subject = certificate.certificate.subject;
    const match = keyMatchesCertificate(certificate.certificate, keyText);
    if (match === 'unreadable')
      ctx.report({
        code: 'NS_IDENTITY_INVALID',
        message: `connection identity of organization '${org}': the variable ${keyVariable} does not hold a PEM private key netspec can read`,
        hint: 'give the unencrypted PEM private key (PKCS#8 or SEC1) of the certificate',
        at: keyAt,
      });
    else if (match === 'mismatch')
      ctx.report({
        code: 'NS_IDENTITY_KEY_MISMATCH',
        message: `connection identity of organization '${org}': the private key in ${keyVariable} does not belong to the certificate in ${certificateVariable} (${subject})`,
        hint: `set ${keyVariable} to the key of that certificate, or ${certificateVariable} to the certificate of that key; the CA answers a mismatched pair only with "Authentication failure" (code 20)`,
        at: [keyAt, certificateAt],
      });

    const spec = entriesOf(ctx.spec.organizations).find(([name]) => name === org)?.[1];
    const msp = spec?.msp;
    if (!msp || typeof msp !== 'object') continue;
    const { roots, intermediates } = mspCaCertificates(ctx.baseDir, msp);
    // No CA certificate at all is certificates-valid's finding.
    if (roots.length === 0 || chainsTo(certificate.certificate, roots, intermediates)) continue;
    const mspId = typeof spec.mspId === 'string' ? spec.mspId : org;
    ctx.report({
      code: 'NS_IDENTITY_NOT_MEMBER',
      message: `connection identity of organization '${org}': the certificate in ${certificateVariable} (${subject}, issued by ${certificate.certificate.issuer}) is not issued by a CA of ${mspId}'s MSP (cacerts, intermediatecerts)`,
      hint: `its signatures do not count for ${mspId}, and a CA it is the admin of is not ${mspId}'s: identities apply --users enrolls there would not be members. Use an identity of the organization's own CA, or add that CA's root to the MSP`,
      at: certificateAt,
    });
  }
}

/** The MSP's root and intermediate CA certificates that parse (the folder's, then the spec's lists). */
function mspCaCertificates(baseDir: string, msp: MspSpec) {
  const load = (files: readonly unknown[], prefix = '') =>
    files.flatMap((file) => {
      if (typeof file !== 'string') return [];
      const loaded = loadCertificate(resolve(baseDir, prefix, file));
      return loaded.ok ? [loaded.certificate] : [];
    });
  const folder = typeof msp.directory === 'string' ? readMspFolder(baseDir, msp.directory) : undefined;
  const directory = typeof msp.directory === 'string' ? msp.directory : '';
  return {
    roots: [...load(folder?.cacerts ?? [], directory), ...load(listOf(msp.caCerts))],
    intermediates: [...load(folder?.intermediatecerts ?? [], directory), ...load(listOf(msp.intermediateCerts))],
  };
}
