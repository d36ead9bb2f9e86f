// Users as code: converges an organization's Fabric CA to the spec's users, like every other apply. For each user
// it reads the identity from the CA, registers it when missing, sets attributes that differ, and enrolls it when
// the output folder holds no usable enrollment: with its own certificate when that is still good (reenroll), else
// with a fresh secret netspec sets and forgets (`identity modify --secret`). So a failed enroll, a new CI runner
// or a lost folder recovers on the next run. A type or affiliation the CA holds differently is drift: reported,
// and changed only when the spec's `allow` names NS_CA_IDENTITY_DRIFT for that user.
// Before any user, the CA's own root must be one of the org's MSP roots: an identity from another CA would be
// enrolled, written and reported as done, yet be no member of the organization.
// Each user is handled on its own; a CA that cannot be reached, or whose TLS certificate is not trusted, stops
// the remaining calls, each user reported. Secrets live in memory only, for the one request that needs them.
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { DiagnosticCode } from '../../compiler/diagnostics/index.js';
import type { UserModel } from '../../compiler/model/network-model.js';
import { parsedCertificate } from '../../crypto/parsed-certificates.js';
import type { Certificate } from '../../crypto/read-certificate.js';
import { UnreachableError } from '../http/send-http.js';
import {
  type CaAttribute,
  type CaConnection,
  type CaIdentity,
  caInfo,
  type Enrollment,
  enrollIdentity,
  getIdentity,
  type IdentityChange,
  modifyIdentity,
  type Registrar,
  reenrollIdentity,
  registerIdentity,
} from './ca-client.js';
import { type CaCaller, explainCaError, FabricCaError } from './ca-errors.js';
import { createCertificateRequest } from './certificate-request.js';
import { judgeStoredEnrollment, type StoredIdentity } from './stored-enrollment.js';
import { CaTlsError } from './tls-trust.js';
import { attributeProblem } from './user-attributes.js';
import type { IdentityFiles } from './write-identity.js';

export type UserEventKind = 'enrolled' | 'unchanged' | 'drift' | 'failed' | 'planned';

export interface UserEvent {
  event: UserEventKind;
  organization: string;
  user: string;
  message: string;
  /** The MSP folder written (enrolled only). */
  path?: string;
  /** Why a user failed or drifted, from the diagnostic catalogue (failed and drift only). */
  code?: DiagnosticCode;
}

type Report = (
  event: UserEventKind,
  user: string,
  message: string,
  details?: { path?: string; code?: DiagnosticCode },
) => void;

export interface EnrollUsersOptions {
  organization: string;
  mspId: string;
  users: readonly UserModel[];
  ca: CaConnection;
  registrar: Registrar;
  /** The org's MSP root (and intermediate) certificates, PEM: the CA's chain must reach one of them. */
  mspRootsPem: readonly string[];
  /** Reads the CA but changes nothing and writes nothing. */
  dryRun: boolean;
  /** True when the spec's `allow` lets netspec change this user's type or affiliation at the CA. */
  driftAllowed: (user: string) => boolean;
  /** What the output folder holds for a user; undefined parts are missing. */
  load: (user: string) => StoredIdentity;
  /** Stores one enrolled identity and returns where it went; the only place key material is handed over. */
  store: (user: string, files: IdentityFiles) => string;
  onEvent: (event: UserEvent) => void;
}

export interface EnrollUsersSummary {
  enrolled: number;
  unchanged: number;
  drift: number;
  failed: number;
  planned: number;
}

/** Stops the run: later users are reported with this reason instead of calling the CA again. */
class Halt extends Error {}

export async function enrollUsers(options: EnrollUsersOptions): Promise<EnrollUsersSummary> {
  const summary: EnrollUsersSummary = { enrolled: 0, unchanged: 0, drift: 0, failed: 0, planned: 0 };
  const { organization, ca } = options;
  const report: Report = (event, user, message, details = {}) => {
    summary[event]++;
    options.onEvent({
      event,
      organization,
      user,
      message,
      ...(details.path ? { path: details.path } : {}),
      ...(details.code ? { code: details.code } : {}),
    });
  };

  let halted: { reason: string; code: DiagnosticCode } | undefined;
  let caChain: Certificate[] = [];
  try {
    caChain = await trustedCaChain(options);
  } catch (error) {
    halted = { reason: describe(error, organization, 'registrar', ca.caName), code: failureCode(error) };
  }

  for (const user of options.users) {
    const problems = Object.keys(user.attributes).sort().map(attributeProblem).filter(Boolean);
    if (problems.length > 0) {
      report('failed', user.name, `${user.name}: not registered: ${problems.join('; ')}`, {
        code: 'NS_USER_ATTRIBUTE_INVALID',
      });
      continue;
    }
    if (halted) {
      report('failed', user.name, `${user.name}: not handled: ${halted.reason}`, { code: halted.code });
      continue;
    }
    const caller: { now: CaCaller } = { now: 'registrar' };
    try {
      await convergeUser(user, options, caChain, report, (next) => {
        caller.now = next;
      });
    } catch (error) {
      const reason = describe(error, organization, caller.now, ca.caName);
      const code = failureCode(error);
      const cause = error instanceof Retryable ? error.reason : error;
      if (cause instanceof Halt || cause instanceof UnreachableError || cause instanceof CaTlsError)
        halted = { reason, code };
      report('failed', user.name, `${user.name}: ${reason}`, { code });
    }
  }
  return summary;
}

/** The CA's chain (cainfo), accepted only when it reaches one of the organization's MSP roots. */
async function trustedCaChain(options: EnrollUsersOptions): Promise<Certificate[]> {
  const { caChainPem } = await caInfo(options.ca);
  const chain = pemBlocks(caChainPem).map((pem) => parsedCertificate(pem));
  const roots = options.mspRootsPem.flatMap(pemBlocks).map((pem) => parsedCertificate(pem));
  const known = new Set(roots.map((root) => root.raw.toString('base64')));
  if (chain.length === 0) throw new Halt(`the CA at ${options.ca.url} sent no CA certificate`);
  if (!chain.some((certificate) => known.has(certificate.raw.toString('base64'))))
    throw new Halt(
      `the CA at ${options.ca.url} issues from '${oneLine(chain[0]!.subject)}', which is not among ${options.mspId}'s MSP cacerts: identities it enrolls would not be members of ${options.mspId}; point ca.host/ca.name at the organization's CA, or add its root to the MSP`,
    );
  return chain;
}

async function convergeUser(
  user: UserModel,
  options: EnrollUsersOptions,
  caChain: readonly Certificate[],
  report: Report,
  calling: (caller: CaCaller) => void,
): Promise<void> {
  const { ca, registrar, dryRun } = options;
  const wanted = wantedAttributes(user);
  const current = await getIdentity(ca, registrar, user.name);

  if (!current) {
    if (dryRun) {
      report('planned', user.name, `${user.name}: would register (${user.type}) and enroll at ${ca.url}`);
      return;
    }
    const { secret } = await registerIdentity(ca, registrar, {
      id: user.name,
      type: user.type,
      affiliation: requestAffiliation(user.affiliation) ?? '',
      attrs: wanted,
    });
    calling('secret');
    try {
      const path = await enrollAndStore(options, user.name, (csr) => enrollIdentity(ca, user.name, secret, csr));
      report('enrolled', user.name, `${user.name}: registered and enrolled; identity written to ${path}`, { path });
    } catch (error) {
      throw new Retryable(`registered, but enroll failed (the next run enrolls it with a fresh secret)`, error);
    }
    return;
  }

  const drift = driftOf(current, user);
  if (drift.length > 0 && !options.driftAllowed(user.name)) {
    report(
      'drift',
      user.name,
      `${user.name}: the CA holds it with ${drift.join(' and ')}: left unchanged, not enrolled; if the spec is right, allow NS_CA_IDENTITY_DRIFT with target ${options.organization}/${user.name}, else change the spec`,
      { code: 'NS_CA_IDENTITY_DRIFT' },
    );
    return;
  }
  const change: IdentityChange = {};
  const changed: string[] = [];
  if (drift.length > 0) {
    if (current.type !== user.type) {
      change.type = user.type;
      changed.push(`type to '${user.type}'`);
    }
    if (user.affiliation !== undefined && current.affiliation !== user.affiliation) {
      change.affiliation = requestAffiliation(user.affiliation)!;
      changed.push(`affiliation to '${user.affiliation || '.'}'`);
    }
  }
  const attributeChanges = attributeChangesOf(current, wanted);
  if (attributeChanges.length > 0) {
    change.attrs = attributeChanges;
    changed.push(`attributes ${attributeChanges.map((a) => a.name).join(', ')}`);
  }

  const stored = options.load(user.name);
  const verdict = judgeStoredEnrollment(stored, user, caChain);
  const enroll = !verdict.usable || changed.length > 0;
  const renew = enroll && (verdict.usable || verdict.renewable);
  const why = verdict.usable ? 'its certificate predates the change' : verdict.reason;

  if (dryRun) {
    const steps = [
      ...(changed.length > 0 ? [`modify ${changed.join('; ')}`] : []),
      ...(enroll ? [`${renew ? 're-enroll' : 'enroll with a fresh secret'} (${why})`] : []),
    ];
    if (steps.length === 0) report('unchanged', user.name, `${user.name}: up to date at ${ca.url}`);
    else report('planned', user.name, `${user.name}: would ${steps.join(', then ')}`);
    return;
  }
  if (!enroll) {
    report('unchanged', user.name, `${user.name}: up to date; enrollment in ${stored.path} is current`);
    return;
  }

  // A fresh secret goes with the same PUT: one request, and the old secret (never ours to know) stops mattering.
  let secret = renew ? undefined : freshSecret();
  if (secret) change.secret = secret;
  if (Object.keys(change).length > 0) await modifyIdentity(ca, registrar, user.name, change);
  const updated = changed.length > 0 ? `updated ${changed.join('; ')}; ` : '';
  try {
    let path: string | undefined;
    if (!secret) {
      calling('user-certificate');
      const self = { certificatePem: stored.certificatePem!, privateKey: createPrivateKey(stored.privateKeyPem!) };
      try {
        path = await enrollAndStore(options, user.name, (csr) => reenrollIdentity(ca, self, csr));
      } catch (error) {
        // A certificate the CA no longer accepts (revoked, say) would fail the same way on every run: fall back
        // to a fresh secret now, so the next run does not repeat it.
        if (!(error instanceof FabricCaError)) throw error;
        secret = freshSecret();
        calling('registrar');
        await modifyIdentity(ca, registrar, user.name, { secret });
      }
    }
    if (secret) {
      const enrollmentSecret = secret;
      calling('secret');
      path = await enrollAndStore(options, user.name, (csr) => enrollIdentity(ca, user.name, enrollmentSecret, csr));
    }
    report(
      'enrolled',
      user.name,
      `${user.name}: ${updated}${secret ? 'enrolled with a fresh secret' : 're-enrolled'} (${why}); identity written to ${path}`,
      { path },
    );
  } catch (error) {
    throw new Retryable(`${updated}enroll failed (the next run tries again)`, error);
  }
}

/** 24 random bytes: the enrollment secret, held only for the PUT that sets it and the enroll that uses it. */
function freshSecret(): string {
  return randomBytes(24).toString('base64url');
}

async function enrollAndStore(
  options: EnrollUsersOptions,
  user: string,
  enroll: (csrPem: string) => Promise<Enrollment>,
): Promise<string> {
  const request = await createCertificateRequest(user);
  const enrollment = await enroll(request.csrPem);
  return options.store(user, {
    certificatePem: enrollment.certificatePem,
    privateKeyPem: request.privateKeyPem,
    caChainPem: enrollment.caChainPem,
  });
}

/** ecert: true puts each attribute into the enrollment certificate, where chaincode reads it. */
function wantedAttributes(user: UserModel): CaAttribute[] {
  return Object.keys(user.attributes)
    .sort()
    .map((name) => ({ name, value: user.attributes[name]!, ecert: true }));
}

/** Type and affiliation the CA holds differently from the spec (an unset affiliation is not compared). */
function driftOf(current: CaIdentity, user: UserModel): string[] {
  const drift: string[] = [];
  if (current.type !== user.type) drift.push(`type '${current.type}' (the spec says '${user.type}')`);
  if (user.affiliation !== undefined && current.affiliation !== user.affiliation)
    drift.push(`affiliation '${current.affiliation || '.'}' (the spec says '${user.affiliation || '.'}')`);
  return drift;
}

/** Attributes to set (value differs, or not in the certificate) and to delete (empty value), hf.* aside. */
function attributeChangesOf(current: CaIdentity, wanted: readonly CaAttribute[]): CaAttribute[] {
  const held = new Map(current.attrs.filter((a) => !/^hf\./i.test(a.name)).map((a) => [a.name, a]));
  // An attribute without ecert is not written into certificates, where chaincode reads it: that differs too.
  const changes = wanted.filter((a) => held.get(a.name)?.value !== a.value || held.get(a.name)?.ecert !== true);
  const names = new Set(wanted.map((a) => a.name));
  for (const name of [...held.keys()].sort()) if (!names.has(name)) changes.push({ name, value: '' });
  return changes;
}

/** The spec's '' (root) is '.' in a request; undefined leaves it to the registrar's own. */
function requestAffiliation(affiliation: string | undefined): string | undefined {
  if (affiliation === undefined) return undefined;
  return affiliation === '' ? '.' : affiliation;
}

/** A failure after some of a user's steps succeeded: what happened, then why it stopped. */
class Retryable extends Error {
  constructor(
    readonly done: string,
    readonly reason: unknown,
  ) {
    super(done);
  }
}

function describe(error: unknown, organization: string, caller: CaCaller, caName: string | undefined): string {
  if (error instanceof Retryable) return `${error.done}: ${describe(error.reason, organization, caller, caName)}`;
  if (error instanceof FabricCaError)
    return explainCaError(error, { organization, caller, ...(caName === undefined ? {} : { caName }) });
  if (error instanceof UnreachableError || error instanceof CaTlsError || error instanceof Halt) return error.message;
  throw error;
}

/**
 * The code of a failure `describe` explains: the CA not answered (or a proxy saying it is down), its TLS
 * certificate not trusted, its CA chain not the organization's, or a refusal in the CA's own words.
 */
function failureCode(error: unknown): DiagnosticCode {
  if (error instanceof Retryable) return failureCode(error.reason);
  if (error instanceof UnreachableError) return 'NS_APPLY_UNREACHABLE';
  if (error instanceof CaTlsError) return 'NS_CA_TLS_UNTRUSTED';
  if (error instanceof Halt) return 'NS_CA_NOT_ORG_CA';
  if (error instanceof FabricCaError && PROXY_UNAVAILABLE.has(error.status)) return 'NS_APPLY_UNREACHABLE';
  return 'NS_CA_REFUSED';
}

/** Bad gateway, service unavailable, gateway timeout: the CA (or the proxy in front of it) is down. */
const PROXY_UNAVAILABLE = new Set([502, 503, 504]);

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
