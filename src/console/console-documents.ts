// The console's own documents, as types only: the overview its map and channel pages draw, the index the app starts
// from, and the edits it proposes with their answers. The front end imports these types (and the CLI's plan, verify
// and history types) and nothing else of netspec's code.

export interface NetworkOverview {
  network: string;
  description: string;
  mode: 'quick' | 'standard';
  fabricVersion: string;
  /** Repository-relative network.yaml. */
  specFile: string;
  organizations: OrganizationOverview[];
  channels: ChannelOverview[];
  quorum: QuorumOverview[];
  /** Organizations with a connection identity, and nodes with endpoint overrides: names, never secret values. */
  connection: { identities: string[]; endpoints: string[] };
  /** The certificates the spec relies on, soonest to expire first. */
  certificates: CertificateOverview[];
  /** Why the state folder could not be read, when it could not: committed chaincodes are then unknown. */
  stateProblems: string[];
}

export interface CertificateOverview {
  organization: string;
  /** CA, intermediate CA, TLS CA, admin, <node> TLS, <node> consenter TLS, <node> consenter identity. */
  role: string;
  /** Repository-relative file. */
  file: string;
  subject: string;
  /** ISO date the certificate expires. */
  notAfter: string;
}

export interface OrganizationOverview {
  name: string;
  mspId: string;
  displayName: string;
  domain: string;
  roles: ('operator' | 'participant')[];
  region?: string;
  /** The Kubernetes context the organization deploys to. */
  cluster?: string;
  namespace: string;
  peers: { name: string; host: string; port: number; anchor: boolean; stateDatabase: string }[];
  orderers: { name: string; host: string; port: number }[];
  approvers: string[];
}

export interface ChannelOverview {
  name: string;
  /** Organization names, as the spec gives them. */
  members: string[];
  ordererOrganizations: string[];
  consensus: string;
  consenters: { ref: string; organization: string; host: string; port: number }[];
  batchTimeout: string;
  batchSize: { maxMessageCount: number; absoluteMaxBytes: number; preferredMaxBytes: number };
  capabilities: { channel: string; orderer: string; application: string };
  /** Every policy of the channel, application and orderer groups, in the plan's words. */
  policies: { path: string; words: string }[];
  acls: Record<string, string>;
  chaincodes: ChaincodeOverview[];
}

export interface ChaincodeOverview {
  name: string;
  version: string;
  sequence: number;
  endorsementPolicy: string;
  initRequired: boolean;
  collections: string[];
  /** The definition committed on the channel, as the state folder records it. */
  committed?: { version: string; sequence: number };
}

export interface QuorumOverview {
  name: string;
  client: string;
  consensus: string;
  chainId: number;
  validators: { name: string; organization: string }[];
  members: { name: string; organization: string }[];
  /** Faulty validators the set tolerates (BFT: n = 3f + 1; Raft: a minority). */
  faultTolerance: number;
}

/** `api/index.json`: what the app starts from. */
export interface ConsoleIndex {
  networks: { name: string; path: string; bundles: string[] }[];
  /** Prefix of a commit's web page, when the repository's origin is on GitHub. */
  commitBaseUrl?: string;
  edits: boolean;
  /** Whether the app may read the nodes' operations endpoints now (`status.json`): a served console, not an export. */
  live: boolean;
  /** `server`: documents are computed when asked; `export`: a snapshot written by `netspec console --export`. */
  source: 'server' | 'export';
  /** The commit the documents were read at (export only). */
  commit?: string;
}

export type SpecEdit =
  | { kind: 'add-member'; channel: string; organization: string }
  | {
      kind: 'batch';
      channel: string;
      batchTimeout?: string;
      maxMessageCount?: string;
      absoluteMaxBytes?: string;
      preferredMaxBytes?: string;
    }
  | { kind: 'chaincode-version'; channel: string; chaincode: string; version: string };

export interface EditPreview {
  subject: string;
  /** Repository-relative network.yaml. */
  file: string;
  diff: string;
  /** The edited spec's plan: what `netspec plan --format json` prints on the branch. */
  plan: unknown;
  /** Set when the working copy's network.yaml differs from HEAD's, which the edit starts from. */
  note?: string;
}

export interface EditCommitted extends EditPreview {
  branch: string;
  commit: string;
  /** The branch the proposal starts from (the pull request's base). */
  base: string;
  /** What the user runs to publish it. */
  commands: string[];
}
