// The documents the app reads: the very types the CLI renders as JSON (plan.json, verify, history), and the
// console's own overview and index. Type imports only: nothing of the CLI's code enters the app.
export type { GovernanceEvent, GovernanceHistory } from '../../src/apply/git/governance-event.js';
export type { StatusReport } from '../../src/apply/health/network-status.js';
export type { Plan } from '../../src/compiler/plan/plan.js';
export type {
  CertificateOverview,
  ChannelOverview,
  ConsoleIndex,
  EditCommitted,
  EditPreview,
  NetworkOverview,
  OrganizationOverview,
  SpecEdit,
} from '../../src/console/console-documents.js';
export type { VerifyReport } from '../../src/governance/verify-report.js';
