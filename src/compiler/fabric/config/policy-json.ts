// Policy texts -> the configtxlator JSON of a ConfigPolicy's `policy` (common.Policy), as configtxgen builds it:
// implicit-meta as type 3 (IMPLICIT_META); signature expressions as type 1 (SIGNATURE) through policydsl's rules.
import {
  type MspRole,
  type PolicyExpression,
  parsePolicyExpression,
  type SignatureRule,
} from '../../model/policy-expression.js';

export const POLICY_TYPE_SIGNATURE = 1;
export const POLICY_TYPE_IMPLICIT_META = 3;

const ROLE_NAMES: Readonly<Record<MspRole, string>> = {
  member: 'MEMBER',
  admin: 'ADMIN',
  client: 'CLIENT',
  peer: 'PEER',
  orderer: 'ORDERER',
};

export function policyJson(text: string): object {
  const parsed = parsePolicyExpression(text);
  if (!parsed.value) throw new Error(`policy '${text}' does not parse: ${parsed.error?.message ?? 'unknown error'}`);
  return expressionJson(parsed.value);
}

export function expressionJson(expression: PolicyExpression): object {
  if (expression.kind === 'implicitMeta') {
    return { type: POLICY_TYPE_IMPLICIT_META, value: { rule: expression.rule, sub_policy: expression.subPolicy } };
  }
  return { type: POLICY_TYPE_SIGNATURE, value: signatureEnvelopeJson(expression.rule) };
}

/**
 * A SignaturePolicyEnvelope as policydsl makes it: every principal occurrence becomes its own identity, numbered
 * in reading order (policydsl does not merge repeated principals, and the bytes must match what it produces).
 */
export function signatureEnvelopeJson(rule: SignatureRule): object {
  const identities: object[] = [];
  const walk = (node: SignatureRule): object => {
    if (node.kind === 'signedBy') {
      identities.push({
        principal: { msp_identifier: node.mspId, role: ROLE_NAMES[node.role] },
        principal_classification: 'ROLE',
      });
      return { signed_by: identities.length - 1 };
    }
    return { n_out_of: { n: node.n, rules: node.rules.map(walk) } };
  };
  // A bare principal at the top level is wrapped as policydsl does: OutOf(1, principal).
  const root = rule.kind === 'signedBy' ? { n_out_of: { n: 1, rules: [walk(rule)] } } : walk(rule);
  return { identities, rule: root, version: 0 };
}

/** The policy text of a SignaturePolicyEnvelope in configtxlator JSON: the inverse of signatureEnvelopeJson. */
export function signatureEnvelopeText(envelope: {
  rule: unknown;
  identities: { principal?: { msp_identifier?: string; role?: string } | null }[];
}): string {
  const roleOf = (role: string | undefined) => (role ?? 'MEMBER').toLowerCase();
  const format = (rule: unknown): string => {
    const node = rule as { signed_by?: number; n_out_of?: { n: number; rules: unknown[] } };
    if (node.n_out_of) {
      const { n, rules } = node.n_out_of;
      const inner = rules.map(format).join(', ');
      if (n === 1) return `OR(${inner})`;
      if (n === rules.length) return `AND(${inner})`;
      return `OutOf(${n}, ${inner})`;
    }
    const principal = envelope.identities[node.signed_by ?? 0]?.principal;
    return `'${principal?.msp_identifier ?? '?'}.${roleOf(principal?.role)}'`;
  };
  return format(envelope.rule);
}
