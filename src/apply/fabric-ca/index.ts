// Fabric CA over its REST API: converges an organization's CA to the spec's users (register, modify, enroll,
// reenroll with the CA admin's token or the user's own), writing each identity as an MSP folder under the
// operator's path. Everything that talks to a live Fabric CA lives here.

export {
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
  type RegistrationRequest,
  reenrollIdentity,
  registerIdentity,
} from './ca-client.js';
export { CA_ALREADY_REGISTERED, CA_NOT_FOUND, explainCaError, FabricCaError } from './ca-errors.js';
export { type CertificateRequest, createCertificateRequest } from './certificate-request.js';
export {
  type EnrollUsersOptions,
  type EnrollUsersSummary,
  enrollUsers,
  type UserEvent,
  type UserEventKind,
} from './enroll-users.js';
export { recordConvergedUsers, type UsersOutcome } from './record-users.js';
export {
  certificateAttributes,
  FABRIC_ATTRIBUTES_OID,
  judgeStoredEnrollment,
  type StoredIdentity,
} from './stored-enrollment.js';
export { CaTlsError } from './tls-trust.js';
export { fabricCaToken, type TokenInput, tokenPayload } from './token-auth.js';
export { attributeProblem } from './user-attributes.js';
export {
  enclosingGitWorkTree,
  type IdentityFiles,
  identityFolder,
  readStoredIdentity,
  writeIdentity,
} from './write-identity.js';
