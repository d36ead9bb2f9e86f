// The flags of `netspec apply`, as commander hands them to the command (apply.ts) and to the target module it
// loads (apply-<target>.ts): a target depends on this, never on the command that chooses it.

export interface ApplyOptions {
  org?: string;
  dryRun?: boolean;
  /** Seconds to wait for a change to take effect. */
  timeout?: string;
  k8s?: boolean;
  quorum?: boolean;
  users?: boolean;
  /** The network.yaml (default: the one beside the bundle) and the live state (default: state/ beside it). */
  spec?: string;
  state?: string;
  /** --users: the folder enrolled identities are written to (never a git working tree). */
  enrollOut?: string;
  /** --users: the CA admin's certificate and key files (default: the spec's connection identity variables). */
  adminCert?: string;
  adminKey?: string;
  /** Fabric (no target flag): the signing identity files, instead of the spec's connection identity variables. */
  cert?: string;
  key?: string;
  /** Fabric: the client TLS pair for mutual TLS with orderers and peers. */
  tlsCert?: string;
  tlsKey?: string;
}
