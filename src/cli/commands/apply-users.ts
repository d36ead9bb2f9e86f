// `netspec apply --users --org <org> <bundle-or-network.yaml> --enroll-out <dir>`: converges the org's Fabric CA
// to the spec's users and makes sure --enroll-out holds a current enrollment of each (see enroll-users.ts). The
// CA admin signs the CA calls (cert and key from the variables the spec's connection identity names, or
// --admin-cert/--admin-key files). Enrolled identities go only under --enroll-out, never to stdout. --dry-run
// reads the CA and lists what would be registered, modified and enrolled. Progress is prose on a terminal;
// JSON lines in CI (CI=true) or when piped.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CaConnection,
  enclosingGitWorkTree,
  enrollUsers,
  identityFolder,
  type Registrar,
  readStoredIdentity,
  recordConvergedUsers,
  type UserEvent,
  writeIdentity,
} from '../../apply/fabric-ca/index.js';
import { readPemFile, tlsCaCertificates } from '../../compiler/connection-profile/tls-ca-certificates.js';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import type { MspModel, NetworkModel, OrganizationModel } from '../../compiler/model/network-model.js';
import { caDriftAllowed } from '../../compiler/plan/plan-users.js';
import { usersStateFile } from '../../compiler/plan/state/users-state.js';
import { keyMatchesCertificate } from '../../crypto/key-matches-certificate.js';
import { parseCertificatePem } from '../../crypto/load-certificate.js';
import { parsedCertificate } from '../../crypto/parsed-certificates.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';
import type { ApplyOptions } from './_apply-options.js';
import { verifiedForApply } from './verified-bundle.js';

const DEFAULT_TIMEOUT_SECONDS = 10;

export async function runApply(input: string, options: ApplyOptions): Promise<number> {
  if (!options.org) throw new UserError('--users needs --org <org>: each organization enrolls only its own users');
  const dryRun = options.dryRun ?? false;
  if (!options.enrollOut && !dryRun)
    throw new UserError('--users needs --enroll-out <dir>: the folder (outside git) enrolled identities go to');
  if (options.enrollOut) {
    const repository = enclosingGitWorkTree(options.enrollOut);
    if (repository)
      throw new UserError(
        `--enroll-out ${options.enrollOut} is inside the git working tree ${repository}: private keys must never be one commit away; choose a folder outside it`,
      );
  }
  const timeoutSeconds = options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UserError(`--timeout must be a positive number of seconds, not '${options.timeout}'`);

  const spec = await specOf(input, options);
  if (typeof spec === 'number') return spec;
  const { model, specFile, stateDir } = spec;
  const org = model.organizations.find((candidate) => candidate.name === options.org);
  if (!org) throw new UserError(`no organization '${options.org}' in ${specFile}`);
  const print = reporter();
  const outcomes = new Map<string, { event: UserEvent['event']; message: string }>();
  const report = (event: UserEvent) => {
    outcomes.set(event.user, { event: event.event, message: event.message });
    print(event);
  };
  if (org.users.length === 0) {
    report({ event: 'planned', organization: org.name, user: '-', message: `${org.name}: no users in ${specFile}` });
    // Users the spec dropped leave the record, as the plan said (they stay registered: apply never revokes); the
    // CA is not called. Without this the plan would list them as to remove after every run.
    if (!dryRun && existsSync(usersStateFile(stateDir, org.name))) {
      const file = recordConvergedUsers({
        stateDir,
        organization: org.name,
        users: [],
        outcomes,
        enrolledUntil: () => undefined,
      });
      process.stderr.write(`${org.name}: users recorded in ${file} for the next plan\n`);
    }
    return EXIT_OK;
  }

  const ca: CaConnection = {
    url: `https://${org.ca.host}:${org.ca.port}`,
    ...(org.ca.requestName === undefined ? {} : { caName: org.ca.requestName }),
    // The CA's own TLS root, when the spec names one, is trusted for the CA alone: it never joins the MSP's
    // TLS roots, which go into the channel config.
    tlsCaCerts: org.ca.tlsCaCert ? [readTrustFile(org.ca.tlsCaCert)] : tlsCaCertificates(org.msp),
    tlsTrustSource: org.ca.tlsCaCert ? `ca.tlsCACert ${org.ca.tlsCaCert}` : `the MSP TLS roots of ${org.name}`,
    timeoutMs: timeoutSeconds * 1000,
  };
  // Read even for a dry run: it reads the CA's identities to say what would change.
  const registrar = readRegistrar(model, org, options);
  const out = options.enrollOut;
  const summary = await enrollUsers({
    organization: org.name,
    mspId: org.mspId,
    users: org.users,
    ca,
    registrar,
    mspRootsPem: mspRootCertificates(org.msp),
    dryRun,
    driftAllowed: (user) => caDriftAllowed(model, org.name, user),
    load: (user) =>
      out ? readStoredIdentity(identityFolder(out, org.name, user)) : { path: 'the output folder (no --enroll-out)' },
    store: (user, files) => {
      const folder = identityFolder(out!, org.name, user);
      writeIdentity(folder, files);
      return folder;
    },
    onEvent: report,
  });
  const counts = [
    `${summary.enrolled} enrolled`,
    `${summary.unchanged} unchanged`,
    ...(dryRun ? [`${summary.planned} to change`] : []),
    `${summary.drift} drifted`,
    `${summary.failed} failed`,
  ];
  process.stderr.write(`${org.name}: ${counts.join(', ')}${dryRun ? ' (dry run: nothing changed)' : ''}\n`);
  // What the CA now holds is what the next plan compares the spec's users with.
  if (!dryRun && out) {
    if (existsSync(stateDir)) {
      const file = recordConvergedUsers({
        stateDir,
        organization: org.name,
        users: org.users,
        outcomes,
        enrolledUntil: (user) => enrollmentExpiry(readStoredIdentity(identityFolder(out, org.name, user))),
      });
      process.stderr.write(`${org.name}: users recorded in ${file} for the next plan\n`);
    } else process.stderr.write(`${org.name}: no state folder ${stateDir}: nothing recorded for the next plan\n`);
  }
  return summary.failed > 0 || summary.drift > 0 ? EXIT_ERROR : EXIT_OK;
}

/** The notAfter (ISO) of a stored enrollment certificate; undefined when there is none or it does not parse. */
function enrollmentExpiry(stored: { certificatePem?: string }): string | undefined {
  if (!stored.certificatePem) return undefined;
  try {
    return new Date(parsedCertificate(stored.certificatePem).notAfter).toISOString();
  } catch {
    return undefined;
  }
}

/** The org's MSP roots and intermediates (PEM), as Fabric's MSP reads them: folder files, then the spec's lists. */
function mspRootCertificates(msp: MspModel): string[] {
  const inFolder = (name: string) => {
    const folder = msp.directory ? join(msp.directory, name) : undefined;
    if (!folder || !existsSync(folder)) return [];
    return readdirSync(folder)
      .sort()
      .map((file) => join(folder, file))
      .filter((path) => statSync(path).isFile());
  };
  const files = [...inFolder('cacerts'), ...inFolder('intermediatecerts'), ...msp.caCerts, ...msp.intermediateCerts];
  return files.map((file) => readTrustFile(file));
}

function readTrustFile(file: string): string {
  try {
    return readPemFile(file);
  } catch {
    throw new UserError(`${file} cannot be read`);
  }
}

/**
 * The model to enroll from: a bundle folder is verified first (its spec is the network's own, never a copy the
 * bundle carries); a network.yaml is the user's own spec, loaded as it is.
 */
async function specOf(
  input: string,
  options: ApplyOptions,
): Promise<{ model: NetworkModel; specFile: string; stateDir: string } | number> {
  if (existsSync(input) && statSync(input).isDirectory()) {
    const verified = await verifiedForApply(input, options, 'nobody was enrolled');
    if (!verified) return EXIT_ERROR;
    return { model: verified.model, specFile: verified.specFile, stateDir: verified.stateDir };
  }
  const specFile = options.spec ?? input;
  if (!existsSync(specFile)) throw new UserError(`${specFile} does not exist`);
  const loaded = await loadSpecFile(specFile);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stderr.write(`${renderDiagnostics(loaded.diagnostics, sourcesOf({ [specFile]: loaded.text }), 'text')}\n`);
    return EXIT_ERROR;
  }
  return { model: loaded.value.model, specFile, stateDir: options.state ?? join(dirname(specFile), 'state') };
}

/**
 * The CA admin identity: --admin-cert/--admin-key files, else the env variables the spec's identity names. A
 * mistake in it is the user's to fix, so each carries the code of what is wrong with the identity (missing,
 * unreadable, a key of another certificate) and the file or variable to change.
 */
function readRegistrar(model: NetworkModel, org: OrganizationModel, options: ApplyOptions): Registrar {
  if (Boolean(options.adminCert) !== Boolean(options.adminKey))
    throw new UserError('--admin-cert and --admin-key go together');
  let certificate: { text: string; source: string; path?: string };
  let key: { text: string; source: string; path?: string };
  if (options.adminCert && options.adminKey) {
    certificate = {
      text: readText(options.adminCert, '--admin-cert'),
      source: '--admin-cert',
      path: options.adminCert,
    };
    key = { text: readText(options.adminKey, '--admin-key'), source: '--admin-key', path: options.adminKey };
  } else {
    const identity = model.connection.identities[org.name];
    if (!identity)
      throw new UserError(`no CA admin identity for '${org.name}'`, {
        code: 'NS_IDENTITY_MISSING',
        hint: `add connection.identities.${org.name} to the spec, or pass --admin-cert and --admin-key`,
      });
    certificate = { text: envValue(identity.certificateSecret, 'certificate'), source: identity.certificateSecret };
    key = { text: envValue(identity.privateKeySecret, 'private key'), source: identity.privateKeySecret };
  }
  const at = (part: { path?: string }) => (part.path === undefined ? {} : { path: part.path });
  const parsed = parseCertificatePem(certificate.text, 'the CA admin certificate');
  if (!parsed.ok)
    throw new UserError(parsed.message, {
      code: 'NS_IDENTITY_INVALID',
      ...at(certificate),
      hint: `give the PEM certificate of ${org.name}'s CA admin in ${certificate.source}`,
    });
  // Checked here rather than learnt from the CA's bare "Authentication failure" (code 20); validate makes the same
  // check on the spec's identity variables. The key's text is never echoed.
  const match = keyMatchesCertificate(parsed.certificate, key.text);
  if (match === 'unreadable')
    throw new UserError('the CA admin private key is not a PEM private key', {
      code: 'NS_IDENTITY_INVALID',
      ...at(key),
      hint: `give the unencrypted PEM private key (PKCS#8 or SEC1) of the certificate in ${key.source}`,
    });
  if (match === 'mismatch')
    throw new UserError(`the CA admin private key does not belong to its certificate (${parsed.certificate.subject})`, {
      code: 'NS_IDENTITY_KEY_MISMATCH',
      ...at(key),
      hint: `give the key of that certificate in ${key.source}, or the certificate of that key in ${certificate.source}`,
    });
  const privateKey = createPrivateKey(key.text);
  return { certificatePem: `${parsed.pem}\n`, privateKey };
}

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${flag} ${file} cannot be read`);
  }
}

function envValue(name: string, what: string): string {
  const value = process.env[name];
  if (!value)
    throw new UserError(`the CA admin ${what} variable ${name} is not set`, {
      code: 'NS_IDENTITY_MISSING',
      hint: `set ${name} to the PEM ${what} of the CA admin (a CI secret), or pass --admin-cert and --admin-key`,
    });
  return value;
}

/** Prose on a terminal; JSON lines for machines (CI=true, or stdout is not a TTY). */
function reporter(): (event: UserEvent) => void {
  const machine = process.env.CI === 'true' || !process.stdout.isTTY;
  return (event) => {
    // A failure names its code, as apply's other targets and validate print theirs.
    process.stdout.write(
      machine ? `${JSON.stringify(event)}\n` : `${event.code ? `${event.code} ` : ''}${event.message}\n`,
    );
  };
}
