// Fabric CA over its REST API: registers an organization's spec users with the CA admin's token and enrolls
// them with a freshly generated key and CSR, writing each identity as an MSP folder under the operator's path.
// Everything that talks to a live Fabric CA lives here.

export {
  CA_ALREADY_REGISTERED,
  type CaConnection,
  type Enrollment,
  enrollIdentity,
  FabricCaError,
  type Registrar,
  type RegistrationRequest,
  registerIdentity,
} from './ca-client.js';
export { type CertificateRequest, createCertificateRequest } from './certificate-request.js';
export {
  type EnrollUsersOptions,
  type EnrollUsersSummary,
  enrollUsers,
  type UserEvent,
  type UserEventKind,
} from './enroll-users.js';
export { fabricCaToken, type TokenInput, tokenPayload } from './token-auth.js';
export { attributeProblem } from './user-attributes.js';
export { enclosingGitWorkTree, type IdentityFiles, identityFolder, writeIdentity } from './write-identity.js';
