// Users as code: registers and enrolls an organization's spec users with its Fabric CA. Idempotent: an id the
// CA already knows is left alone and reported (its secret is not ours to know, so it is not re-enrolled).
// Each user is handled on its own: a refused registration or a bad attribute is one failed line and the next
// user is still tried; only a CA that cannot be reached at all stops the remaining calls, each reported.
import type { UserModel } from '../../compiler/model/network-model.js';
import { UnreachableError } from '../http/send-http.js';
import {
  CA_ALREADY_REGISTERED,
  type CaConnection,
  enrollIdentity,
  FabricCaError,
  type Registrar,
  registerIdentity,
} from './ca-client.js';
import { createCertificateRequest } from './certificate-request.js';
import { attributeProblem } from './user-attributes.js';
import type { IdentityFiles } from './write-identity.js';

export type UserEventKind = 'enrolled' | 'exists' | 'failed' | 'planned';

export interface UserEvent {
  event: UserEventKind;
  organization: string;
  user: string;
  message: string;
  /** The MSP folder written (enrolled only). */
  path?: string;
}

export interface EnrollUsersOptions {
  organization: string;
  users: readonly UserModel[];
  ca: CaConnection;
  registrar: Registrar;
  dryRun: boolean;
  /** Stores one enrolled identity and returns where it went; the only place key material is handed over. */
  store: (user: string, files: IdentityFiles) => string;
  onEvent: (event: UserEvent) => void;
}

export interface EnrollUsersSummary {
  enrolled: number;
  existing: number;
  failed: number;
}

export async function enrollUsers(options: EnrollUsersOptions): Promise<EnrollUsersSummary> {
  const summary: EnrollUsersSummary = { enrolled: 0, existing: 0, failed: 0 };
  const { organization } = options;
  let unreachable: string | undefined;
  const report = (event: UserEventKind, user: string, message: string, path?: string) => {
    if (event === 'enrolled') summary.enrolled++;
    if (event === 'exists') summary.existing++;
    if (event === 'failed') summary.failed++;
    options.onEvent({ event, organization, user, message, ...(path ? { path } : {}) });
  };

  for (const user of options.users) {
    const problems = Object.keys(user.attributes).sort().map(attributeProblem).filter(Boolean);
    if (problems.length > 0) {
      report('failed', user.name, `${user.name}: not registered: ${problems.join('; ')}`);
      continue;
    }
    if (unreachable) {
      report('failed', user.name, `${user.name}: not registered: the CA is unreachable (${unreachable})`);
      continue;
    }
    if (options.dryRun) {
      report('planned', user.name, `${user.name}: would register (${user.type}) and enroll at ${options.ca.url}`);
      continue;
    }
    let secret: string;
    try {
      ({ secret } = await registerIdentity(options.ca, options.registrar, {
        id: user.name,
        type: user.type,
        affiliation: '',
        // ecert: true puts the attribute into the enrollment certificate, where chaincode reads it.
        attrs: Object.keys(user.attributes)
          .sort()
          .map((name) => ({ name, value: user.attributes[name]!, ecert: true })),
      }));
    } catch (error) {
      if (isAlreadyRegistered(error)) {
        report('exists', user.name, `${user.name}: already registered at ${options.ca.url}; left alone`);
        continue;
      }
      if (error instanceof UnreachableError) unreachable = error.message;
      report('failed', user.name, `${user.name}: register failed: ${describe(error)}`);
      continue;
    }
    try {
      const request = await createCertificateRequest(user.name);
      const enrollment = await enrollIdentity(options.ca, user.name, secret, request.csrPem);
      const path = options.store(user.name, {
        certificatePem: enrollment.certificatePem,
        privateKeyPem: request.privateKeyPem,
        caChainPem: enrollment.caChainPem,
      });
      report('enrolled', user.name, `${user.name}: registered and enrolled; identity written to ${path}`, path);
    } catch (error) {
      if (error instanceof UnreachableError) unreachable = error.message;
      report('failed', user.name, `${user.name}: registered, but enroll failed: ${describe(error)}`);
    }
  }
  return summary;
}

function isAlreadyRegistered(error: unknown): boolean {
  return (
    error instanceof FabricCaError &&
    (error.codes.includes(CA_ALREADY_REGISTERED) || /already registered/i.test(error.message))
  );
}

function describe(error: unknown): string {
  if (error instanceof FabricCaError) return `the CA refused: ${error.message}`;
  if (error instanceof UnreachableError) return error.message;
  throw error;
}
