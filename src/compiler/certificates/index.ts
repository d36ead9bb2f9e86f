// Certificates over time: every certificate the network depends on with its expiry (facts, no clock), and which
// of them expire within the warning period at a given moment.
export {
  type CertificateFact,
  type CertificateKind,
  certificateInventory,
  type LiveConfigSource,
} from './certificate-inventory.js';
export {
  DEFAULT_EXPIRY_WARNING_DAYS,
  daysLeft,
  describeCertificate,
  expiryFindings,
  expiryWarningDays,
} from './expiry-warnings.js';
