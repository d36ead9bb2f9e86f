// Every `allow` entry names a code netspec knows. An allow entry with a typo silently allows nothing,
// and the consortium believes a finding is acknowledged when the check still fails (or the reverse, later).
import { DIAGNOSTIC_CODES, didYouMean, isDiagnosticCode } from '../../diagnostics/index.js';
import type { Rule } from '../rule-context.js';
import { listOf } from './_spec-walk.js';

/** Codes an `allow` entry may name. Plan guards will add theirs here when they land. */
export const ALLOWABLE_CODES: readonly string[] = Object.keys(DIAGNOSTIC_CODES);

export const allowCodesKnown: Rule = (ctx) => {
  listOf(ctx.spec.allow).forEach((entry, index) => {
    const code = typeof entry === 'string' ? entry : entry?.code;
    if (typeof code !== 'string' || isDiagnosticCode(code) || ALLOWABLE_CODES.includes(code)) return;
    ctx.report({
      code: 'NS_UNKNOWN_ALLOW_CODE',
      message: `allow names '${code}', which is not a netspec code${didYouMean(code, ALLOWABLE_CODES)}`,
      hint: 'an unknown code allows nothing; the codes are listed in the documentation of `netspec validate`',
      at: typeof entry === 'string' ? ['allow', index] : ['allow', index, 'code'],
    });
  });
};
