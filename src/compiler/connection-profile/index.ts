// Connection profile stage: the network model -> Fabric's common connection profile for one organization
// (its peers, its channels' orderers, its CA, with TLS CA certificates), rendered as YAML or JSON.
// Pure apart from reading the MSP's TLS CA files; the CLI writes the output.
export {
  buildConnectionProfile,
  type ConnectionProfile,
  type ProfileOptions,
  type ProfileResult,
} from './connection-profile.js';
export { PROFILE_FORMATS, type ProfileFormat, renderConnectionProfile } from './render-profile.js';
export { tlsCaCertificates } from './tls-ca-certificates.js';
