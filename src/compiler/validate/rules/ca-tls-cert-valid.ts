// An organization's `ca.tlsCACert` is a readable PEM file holding a CA certificate. It is the only root netspec
// trusts when it talks to that CA: a leaf or a missing file would fail every `apply --users` at the TLS
// handshake, after the spec was reviewed and merged.
import { resolve } from 'node:path';
import { loadCertificate } from '../../../crypto/load-certificate.js';
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const caTlsCertValid: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const file = spec?.ca?.tlsCACert;
    if (typeof file !== 'string') continue;
    const at = ['organizations', org, 'ca', 'tlsCACert'];
    const loaded = loadCertificate(resolve(ctx.baseDir, file));
    if (!loaded.ok) {
      ctx.report({
        code: 'NS_CA_TLS_CERT_INVALID',
        message: `ca.tlsCACert of organization '${org}': ${loaded.message}`,
        hint: "point it at the PEM root certificate that issued the CA server's TLS certificate (tls.certfile)",
        at,
      });
    } else if (!loaded.certificate.ca) {
      ctx.report({
        code: 'NS_CA_TLS_CERT_INVALID',
        message: `ca.tlsCACert of organization '${org}': '${file}' is not a CA certificate (${loaded.certificate.subject})`,
        hint: "name the root that issued the CA's TLS certificate, not the server certificate itself",
        at,
      });
    }
  }
};
