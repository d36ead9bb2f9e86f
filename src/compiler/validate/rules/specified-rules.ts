// Every semantic rule, in the order they run. Frozen: adding a rule means adding it here, on purpose.
import type { Rule } from '../rule-context.js';

export const SPECIFIED_RULES: readonly Rule[] = Object.freeze([]);
