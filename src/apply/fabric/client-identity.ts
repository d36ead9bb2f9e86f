// The identity netspec signs and submits with: an org's MSP identity (certificate + P-256 key), read from the
// environment variables the spec's `connection.identities.<org>` names (CI secrets holding PEM), or from
// --cert/--key files. The key stays in memory: it is never printed, logged or written. In place of the PEM key
// (the file given to --key, or the secret's value), a PKCS#11 URI names a key that stays on a token.
import { existsSync, readFileSync } from 'node:fs';
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import type { NetworkModel, OrganizationModel } from '../../compiler/model/network-model.js';
import { parseCertificatePem } from '../../crypto/load-certificate.js';
import { isPkcs11Uri } from '../../crypto/pkcs11/index.js';
import { keyMatchesCertificate, readP256PrivateKey } from '../../governance/ecdsa-signature.js';
import { openTokenSigningKey, type SigningIdentity } from '../../governance/index.js';

export interface ClientIdentity {
  organization: OrganizationModel;
  signer: SigningIdentity;
}

/**
 * Why no identity could be chosen. The code says what the user must give: an identity named nowhere or a variable
 * not set (NS_IDENTITY_MISSING), a certificate or key that does not read (NS_IDENTITY_INVALID), a key of another
 * certificate (NS_IDENTITY_KEY_MISMATCH); a command-line mistake has none.
 */
export interface IdentityRefusal {
  error: string;
  code?: DiagnosticCode;
  hint?: string;
}

export interface IdentityChoice {
  /** The org to act as; default the first operator org with a connection identity. */
  org?: string;
  certFile?: string;
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
}

export function chooseIdentity(
  model: NetworkModel,
  choice: IdentityChoice,
): { identity: ClientIdentity } | IdentityRefusal {
  const env = choice.env ?? process.env;
  const identities = model.connection.identities;
  const orgName =
    choice.org ??
    model.organizations.find((org) => org.isOperator && identities[org.name])?.name ??
    (choice.certFile ? model.organizations.find((org) => org.isOperator)?.name : undefined);
  if (!orgName)
    return {
      error: 'no identity to act with',
      code: 'NS_IDENTITY_MISSING',
      hint: 'name the organization with --org, and give its identity in connection.identities or with --cert/--key',
    };
  const organization = model.organizations.find((org) => org.name === orgName);
  if (!organization) return { error: `no organization '${orgName}' in the spec` };

  let certPem: string;
  let keyPem: string;
  if (choice.certFile || choice.keyFile) {
    if (!choice.certFile || !choice.keyFile) return { error: '--cert and --key go together' };
    const keyIsUri = isPkcs11Uri(choice.keyFile);
    for (const file of keyIsUri ? [choice.certFile] : [choice.certFile, choice.keyFile])
      if (!existsSync(file)) return { error: `${file} does not exist` };
    certPem = readFileSync(choice.certFile, 'utf8');
    keyPem = keyIsUri ? choice.keyFile : readFileSync(choice.keyFile, 'utf8');
  } else {
    const named = identities[orgName];
    if (!named)
      return {
        error: `connection.identities has no entry for ${orgName}`,
        code: 'NS_IDENTITY_MISSING',
        hint: `add connection.identities.${orgName} to the spec, or pass --cert and --key`,
      };
    const cert = env[named.certificateSecret];
    const key = env[named.privateKeySecret];
    const unset = (variable: string, what: string): IdentityRefusal => ({
      error: `the environment variable ${variable} (${orgName}'s ${what}) is not set`,
      code: 'NS_IDENTITY_MISSING',
      hint: `set ${variable} to ${orgName}'s PEM ${what} (a CI secret), or pass --cert and --key`,
    });
    if (!cert) return unset(named.certificateSecret, 'certificate');
    if (!key) return unset(named.privateKeySecret, 'private key');
    certPem = cert;
    keyPem = key;
  }
  return identityFromPem(organization, certPem, keyPem);
}

/** `keyPem` is the PEM private key, or a PKCS#11 URI naming a key on a token (P-256 either way). */
export function identityFromPem(
  organization: OrganizationModel,
  certPem: string,
  keyPem: string,
): { identity: ClientIdentity } | IdentityRefusal {
  const cert = parseCertificatePem(certPem, `${organization.name}'s certificate`);
  if (!cert.ok) return { error: cert.message, code: 'NS_IDENTITY_INVALID' };
  const certificatePem = `${cert.pem.trim()}\n`;
  if (isPkcs11Uri(keyPem)) {
    const token = openTokenSigningKey(keyPem, cert.certificate, 'p256');
    if ('error' in token)
      return { error: `${organization.name}'s private key: ${token.error}`, code: 'NS_IDENTITY_INVALID' };
    return { identity: { organization, signer: { mspId: organization.mspId, certificatePem, privateKey: token.key } } };
  }
  const key = readP256PrivateKey(keyPem);
  if ('error' in key) return { error: `${organization.name}'s private key: ${key.error}`, code: 'NS_IDENTITY_INVALID' };
  if (!keyMatchesCertificate(key.key, cert.certificate.publicKey))
    return {
      error: `${organization.name}'s private key does not belong to its certificate`,
      code: 'NS_IDENTITY_KEY_MISMATCH',
      hint: 'give the key and the certificate of one identity',
    };
  return {
    identity: {
      organization,
      // id_bytes carries the PEM with one trailing newline, as Fabric's MSP serializes its signcert.
      signer: { mspId: organization.mspId, certificatePem, privateKey: key.key },
    },
  };
}

/**
 * The identity `fetch` reads with when none is named: one whose secrets are set here, preferring an org that is
 * an application member of every channel (peers answer `_lifecycle` queries only to /Channel/Application/Writers;
 * orderers deliver to /Channel/Readers, which members are part of). Naming --org, --cert or --key decides alone.
 */
export function chooseReadingIdentity(
  model: NetworkModel,
  choice: IdentityChoice,
): { identity: ClientIdentity } | IdentityRefusal {
  if (choice.org || choice.certFile || choice.keyFile) return chooseIdentity(model, choice);
  const env = choice.env ?? process.env;
  const available = model.organizations.filter((org) => {
    const named = model.connection.identities[org.name];
    return named && env[named.certificateSecret] && env[named.privateKeySecret];
  });
  const channelsOf = (org: OrganizationModel) => model.channels.filter((c) => c.members.includes(org.name)).length;
  const best = [...available].sort((a, b) => channelsOf(b) - channelsOf(a))[0];
  return chooseIdentity(model, { ...choice, ...(best ? { org: best.name } : {}) });
}
