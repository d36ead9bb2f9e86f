// The policy model: what a Fabric policy asks for once resolved against a channel config. A signature policy
// (cauthdsl's SignaturePolicyEnvelope) becomes a tree of n-out-of rules over principals; an ImplicitMeta policy
// becomes a threshold over its sub-groups' policies of one name; a path that names no policy stays `missing`.

export interface Principal {
  mspId: string;
  /** MEMBER, ADMIN, CLIENT, PEER, ORDERER. */
  role: string;
}

export type Requirement =
  | {
      kind: 'implicitMeta';
      path: string;
      rule: 'ANY' | 'ALL' | 'MAJORITY';
      subPolicy: string;
      /** How many of `of` must be satisfied. */
      threshold: number;
      of: Requirement[];
    }
  | { kind: 'signature'; path: string; rule: SignatureRequirement }
  | { kind: 'missing'; path: string };

export type SignatureRequirement =
  | { kind: 'signedBy'; principal: Principal }
  | { kind: 'nOutOf'; n: number; rules: SignatureRequirement[] };
