// Fabric policy texts -> a small AST, accepting what Fabric accepts and nothing more:
//  - implicit-meta, as configtxgen's ImplicitMetaFromString reads it: `ANY|ALL|MAJORITY <SubPolicy>`, one space;
//  - signature policies, as common/policydsl reads them: AND(...), OR(...), OutOf(n, ...) over principals
//    'MSPID.role', nested. Gate names are accepted in the three spellings policydsl registers (And/and/AND,
//    Or/or/OR, OutOf/outof/OUTOF); roles are lower case; MSP ids are letters, digits, '.' and '-'.
// One deliberate difference: policydsl lets OutOf's n be 0 (always satisfied) or count + 1 (never satisfiable);
// both are mistakes in a consortium's spec, so n must lie in 1..count here.
// Errors carry an offset into the text, so a rule can point at the exact character.

export type MspRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';
export type ImplicitMetaRule = 'ANY' | 'ALL' | 'MAJORITY';
export type GateName = 'and' | 'or' | 'outOf';

export interface ImplicitMetaPolicy {
  kind: 'implicitMeta';
  rule: ImplicitMetaRule;
  /** The policy each sub-group must satisfy, e.g. `Admins`. */
  subPolicy: string;
}

export interface SignaturePolicy {
  kind: 'signature';
  rule: SignatureRule;
}

export type PolicyExpression = ImplicitMetaPolicy | SignaturePolicy;

/** Fabric's SignedBy: one signature from an identity with this role in this MSP. */
export interface PrincipalRule {
  kind: 'signedBy';
  mspId: string;
  role: MspRole;
  /** Offset of the opening quote in the policy text. */
  offset: number;
}

/** Fabric's NOutOf: `n` of the nested rules. AND is n = count, OR is n = 1; `gate` keeps how it was written. */
export interface OutOfRule {
  kind: 'nOutOf';
  gate: GateName;
  n: number;
  rules: SignatureRule[];
  offset: number;
}

export type SignatureRule = PrincipalRule | OutOfRule;

export interface PolicyParseError {
  message: string;
  /** Offset into the policy text where the problem starts. */
  offset: number;
}

export interface PolicyParseResult {
  value?: PolicyExpression;
  error?: PolicyParseError;
}

export const MSP_ROLES: readonly MspRole[] = ['member', 'admin', 'client', 'peer', 'orderer'];
const IMPLICIT_META_RULES: readonly string[] = ['ANY', 'ALL', 'MAJORITY'];

/** The spellings policydsl registers for each gate; any other casing is an unknown function there. */
const GATE_SPELLINGS: Readonly<Record<string, GateName>> = {
  And: 'and',
  and: 'and',
  AND: 'and',
  Or: 'or',
  or: 'or',
  OR: 'or',
  OutOf: 'outOf',
  outof: 'outOf',
  OUTOF: 'outOf',
};

/** Fabric's config names (validateConfigID): what a sub-policy name may be. */
const POLICY_NAME = /^[A-Za-z0-9._-]+$/;
/** policydsl's principal pattern: `[[:alnum:].-]+` then `.role`; the MSP id takes the longest match. */
const PRINCIPAL = /^([A-Za-z0-9.-]+)\.([A-Za-z]+)$/;

export function parsePolicyExpression(text: string): PolicyParseResult {
  if (typeof text !== 'string' || text.trim() === '') return fail('the policy is empty', 0);
  // Implicit-meta is recognised by its first word; a gate call always has a '('.
  const firstWord = /^\S*/.exec(text)![0];
  if (IMPLICIT_META_RULES.includes(firstWord.toUpperCase()) && !text.includes('(')) return parseImplicitMeta(text);
  return parseSignaturePolicy(text);
}

function parseImplicitMeta(text: string): PolicyParseResult {
  const parts = text.split(' ');
  const [rule = '', subPolicy = ''] = parts;
  if (!IMPLICIT_META_RULES.includes(rule)) {
    return fail(`'${rule}' must be written in upper case: ANY, ALL or MAJORITY`, 0);
  }
  if (parts.length === 1) return fail(`'${rule}' needs a sub-policy name, e.g. '${rule} Admins'`, rule.length);
  if (parts.length !== 2) {
    const offset = rule.length + 1 + subPolicy.length;
    return fail(`an implicit-meta policy is '${rule} <SubPolicy>', separated by exactly one space`, offset);
  }
  if (!POLICY_NAME.test(subPolicy) || subPolicy === '.' || subPolicy === '..') {
    return fail(`'${subPolicy}' is not a policy name (letters, digits, '.', '_', '-')`, rule.length + 1);
  }
  return { value: { kind: 'implicitMeta', rule: rule as ImplicitMetaRule, subPolicy } };
}

type Token =
  | { type: 'name'; text: string; offset: number }
  | { type: 'number'; text: string; offset: number }
  | { type: 'string'; text: string; offset: number }
  | { type: '(' | ')' | ','; text: string; offset: number }
  | { type: 'end'; text: string; offset: number };

class PolicySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function parseSignaturePolicy(text: string): PolicyParseResult {
  try {
    const tokens = tokenize(text);
    const parser = new SignatureParser(tokens);
    const first = parser.peek();
    if (first.type === 'string') {
      throw new PolicySyntaxError(`a principal alone is not a policy: write OR(${first.text})`, first.offset);
    }
    const rule = parser.gate();
    const rest = parser.peek();
    if (rest.type !== 'end') throw new PolicySyntaxError(`unexpected ${describe(rest)} after the policy`, rest.offset);
    return { value: { kind: 'signature', rule } };
  } catch (error) {
    if (error instanceof PolicySyntaxError) return fail(error.message, error.offset);
    throw error;
  }
}

class SignatureParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index++;
    return token;
  }

  private expect(type: Token['type'], what: string): Token {
    const token = this.next();
    if (token.type !== type) throw new PolicySyntaxError(`expected ${what}, found ${describe(token)}`, token.offset);
    return token;
  }

  gate(): OutOfRule {
    const name = this.next();
    if (name.type !== 'name') {
      throw new PolicySyntaxError(`expected AND(, OR( or OutOf(, found ${describe(name)}`, name.offset);
    }
    const gate = GATE_SPELLINGS[name.text];
    if (gate === undefined) {
      const sameLetters = Object.entries(GATE_SPELLINGS).filter(
        ([spelling]) => spelling.toLowerCase() === name.text.toLowerCase(),
      );
      const hint =
        sameLetters.length > 0
          ? ` (Fabric accepts only ${sameLetters.map(([spelling]) => spelling).join(', ')})`
          : ': use AND, OR or OutOf';
      throw new PolicySyntaxError(`'${name.text}' is not a policy gate${hint}`, name.offset);
    }
    this.expect('(', `'(' after ${name.text}`);
    let n: number | undefined;
    let nToken: Token | undefined;
    if (gate === 'outOf') {
      nToken = this.next();
      if (nToken.type !== 'number') {
        throw new PolicySyntaxError(`${name.text} needs a count first, found ${describe(nToken)}`, nToken.offset);
      }
      if (!/^[0-9]+$/.test(nToken.text)) {
        throw new PolicySyntaxError(`${name.text} needs a whole number, not ${nToken.text}`, nToken.offset);
      }
      n = Number(nToken.text);
      this.expect(',', `',' after the count`);
    }
    const rules: SignatureRule[] = [this.argument()];
    while (this.peek().type === ',') {
      this.next();
      rules.push(this.argument());
    }
    const close = this.peek();
    if (close.type !== ')') {
      throw new PolicySyntaxError(`expected ',' or ')' in ${name.text}(...), found ${describe(close)}`, close.offset);
    }
    this.next();
    if (gate === 'outOf' && nToken) {
      if (n! < 1 || n! > rules.length) {
        throw new PolicySyntaxError(
          `${name.text}(${n}, ...) lists ${rules.length} rule${rules.length === 1 ? '' : 's'}: the count must be 1..${rules.length}`,
          nToken.offset,
        );
      }
    }
    const count = gate === 'and' ? rules.length : gate === 'or' ? 1 : n!;
    return { kind: 'nOutOf', gate, n: count, rules, offset: name.offset };
  }

  private argument(): SignatureRule {
    const token = this.peek();
    if (token.type === 'string') {
      this.next();
      return principal(token);
    }
    if (token.type === 'name') {
      if (this.tokens[this.index + 1]?.type === '(') return this.gate();
      throw new PolicySyntaxError(`a principal must be quoted: write '${token.text}'`, token.offset);
    }
    throw new PolicySyntaxError(
      `expected a principal like 'Org1MSP.member' or a nested gate, found ${describe(token)}`,
      token.offset,
    );
  }
}

function principal(token: Token): PrincipalRule {
  const match = PRINCIPAL.exec(token.text);
  if (!match) {
    throw new PolicySyntaxError(`'${token.text}' is not a principal: write 'MSPID.role'`, token.offset);
  }
  const role = match[2]!;
  if (!MSP_ROLES.includes(role as MspRole)) {
    throw new PolicySyntaxError(
      `'${role}' is not a role in '${token.text}': roles are ${MSP_ROLES.join(', ')} (lower case)`,
      token.offset,
    );
  }
  return { kind: 'signedBy', mspId: match[1]!, role: role as MspRole, offset: token.offset };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char, text: char, offset: i });
      i++;
    } else if (char === "'" || char === '"') {
      const close = text.indexOf(char, i + 1);
      if (close < 0) throw new PolicySyntaxError('unterminated quoted principal', i);
      tokens.push({ type: 'string', text: text.slice(i + 1, close), offset: i });
      i = close + 1;
    } else {
      const word = /[A-Za-z_][A-Za-z0-9_.-]*|[0-9]+(?:\.[0-9]*)?/y;
      word.lastIndex = i;
      const match = word.exec(text);
      if (!match) throw new PolicySyntaxError(`unexpected character '${char}'`, i);
      const type = /^[0-9]/.test(match[0]) ? 'number' : 'name';
      tokens.push({ type, text: match[0], offset: i });
      i += match[0].length;
    }
  }
  tokens.push({ type: 'end', text: '', offset: text.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the policy';
    case 'string':
      return `'${token.text}'`;
    case 'name':
      return `'${token.text}' (principals must be quoted)`;
    default:
      return `'${token.text}'`;
  }
}

function fail(message: string, offset: number): PolicyParseResult {
  return { error: { message, offset } };
}

/** Every principal of a signature policy, in the order written (Fabric numbers identities in this order). */
export function policyPrincipals(expression: PolicyExpression): PrincipalRule[] {
  if (expression.kind === 'implicitMeta') return [];
  const found: PrincipalRule[] = [];
  const walk = (rule: SignatureRule): void => {
    if (rule.kind === 'signedBy') found.push(rule);
    else rule.rules.forEach(walk);
  };
  walk(expression.rule);
  return found;
}

/** The MSP ids a policy names, each once, in order of first appearance; none for implicit-meta. */
export function policyMspIds(expression: PolicyExpression): string[] {
  return [...new Set(policyPrincipals(expression).map((principal) => principal.mspId))];
}

/** A canonical text for an expression (gates as written-kind, single quotes); parses back to the same AST. */
export function formatPolicyExpression(expression: PolicyExpression): string {
  if (expression.kind === 'implicitMeta') return `${expression.rule} ${expression.subPolicy}`;
  const format = (rule: SignatureRule): string => {
    if (rule.kind === 'signedBy') return `'${rule.mspId}.${rule.role}'`;
    const inner = rule.rules.map(format).join(', ');
    if (rule.gate === 'and') return `AND(${inner})`;
    if (rule.gate === 'or') return `OR(${inner})`;
    return `OutOf(${rule.n}, ${inner})`;
  };
  return format(expression.rule);
}
