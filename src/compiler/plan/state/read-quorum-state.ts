// `quorum/<network>.json`: the live validator set, as netspec fetch writes it from
// `qbft_getValidatorsByBlockNumber` / `istanbul_getValidators`: {"validators": ["0x…"], "blockNumber": N}.
import { readFileSync } from 'node:fs';
import type { StageResult } from '../../diagnostics/index.js';
import { stateError } from './state-error.js';

export interface QuorumState {
  /** Lowercase 0x-prefixed addresses, in the order the node reported them. */
  validators: string[];
  blockNumber: number;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function readQuorumState(file: string): StageResult<QuorumState> {
  let data: { validators?: unknown; blockNumber?: unknown } | null;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { value: undefined, diagnostics: [stateError(file, `not readable JSON (${(error as Error).message})`)] };
  }
  const validators = data?.validators;
  if (
    !Array.isArray(validators) ||
    validators.some((address) => typeof address !== 'string' || !ADDRESS.test(address))
  ) {
    return {
      value: undefined,
      diagnostics: [stateError(file, 'validators must be a list of 0x-prefixed 20-byte addresses')],
    };
  }
  const blockNumber = data?.blockNumber;
  if (typeof blockNumber !== 'number' || !Number.isSafeInteger(blockNumber) || blockNumber < 0) {
    return { value: undefined, diagnostics: [stateError(file, 'blockNumber must be a non-negative integer')] };
  }
  return {
    value: { validators: validators.map((address: string) => address.toLowerCase()), blockNumber },
    diagnostics: [],
  };
}
