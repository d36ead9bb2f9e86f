// Governance: organizations sign channel updates with Fabric ConfigSignatures (in a bundle's signatures/ folder or
// in a `peer channel signconfigtx` envelope), and verification judges those signatures and the channel's own
// policies exactly as the orderer will, against the live channel config.
export { type ChannelMsp, channelMsps } from './channel-msps.js';
export { checkSignatures, type SignatureCheckResult, type SignatureInput } from './check-signatures.js';
export {
  type ConfigSignatureBytes,
  type Creator,
  makeConfigSignature,
  NONCE_SIZE,
  newSignatureHeader,
  readCreator,
  type SigningIdentity,
  serializeIdentity,
} from './config-signature.js';
export {
  type ConfigUpdateEnvelope,
  readConfigUpdateEnvelope,
  signConfigUpdateEnvelope,
} from './config-update-envelope.js';
export {
  decodeDerSignature,
  type EcdsaSignature,
  encodeDerSignature,
  isLowS,
  P256_ORDER,
  type SigningKey,
  signLowS,
  toLowS,
  verifyFabricSignature,
} from './ecdsa-signature.js';
export { type ImportResult, importEnvelope } from './import-envelope.js';
export { readConfigBlock, readConfigBlockFile, readStateChannel } from './live-config.js';
export {
  deserializeIdentity,
  identityProblem,
  isAdmin,
  type MspIdentity,
  satisfiesPrincipal,
  type ValidityWarning,
  validityWarning,
} from './msp-identity.js';
export { renderReportJson, renderReportMarkdown, renderReportText } from './render-report.js';
export { type SignBundleInput, type SignBundleResult, signBundle } from './sign-bundle.js';
export {
  parseSignatureFile,
  renderSignatureFile,
  type SignatureFile,
  signatureInputOf,
  signatureInputsOf,
} from './signature-file.js';
export {
  type AcceptedCurves,
  type LoadedSigner,
  loadSigningIdentity,
  openTokenSigningKey,
} from './signing-identity.js';
export {
  overallStatus,
  type VerifiedBundle,
  type VerifyBundleOptions,
  type VerifyOutcome,
  verifyBundle,
} from './verify-bundle.js';
export { verifyEnvelope } from './verify-envelope.js';
export {
  type RequirementVerdict,
  reportWarnings,
  type SignatureVerdict,
  strictReport,
  type UpdateVerdict,
  type VerifyReport,
  type VerifyStatus,
  type VerifyWarning,
} from './verify-report.js';
export { type UpdateInput, verifyUpdate } from './verify-update.js';
