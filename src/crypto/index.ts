// Crypto: development MSP material like Fabric's cryptogen (ECDSA P-256 CAs, admin, peers, orderers, TLS)
// written atomically under `<spec dir>/crypto/`, and the certificate readers other stages use
// (load a PEM, does it chain to a CA, which OUs and host names it carries).
export { chainsTo, dnsNames, isSelfSigned, isSignedBy, organizationalUnits } from './certificate-facts.js';
export { DEMO_README } from './demo-readme.js';
export {
  type CryptoOptions,
  type CryptoReport,
  generateNetworkMaterial,
  orgCryptoInput,
} from './generate-network-material.js';
export { type CertificateLoad, loadCertificate, parseCertificatePem } from './load-certificate.js';
export type { MaterialFile, MaterialTree } from './material-tree.js';
export {
  adminCertificatePath,
  adminUserName,
  CRYPTO_DIRECTORY,
  caCertFileName,
  type IdentityKind,
  identityDirectory,
  type NodeOU,
  orgDirectory,
  orgMspDirectory,
  PRIVATE_KEY_FILE,
  tlsCaCertFileName,
} from './msp-layout.js';
export { nodeOUsConfigYaml } from './node-ous-config.js';
export { createOrgMaterial, type OrgCryptoInput } from './org-material.js';
export { parsedCertificate, parsedCertificateOrUndefined } from './parsed-certificates.js';
export { type Certificate, CertificateFormatError, readCertificate } from './read-certificate.js';
