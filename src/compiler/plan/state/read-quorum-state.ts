// `quorum/<network>.json`: the live validator set, as netspec fetch writes it from
// `qbft_getValidatorsByBlockNumber` / `istanbul_getValidators`: {"validators": ["0x…"], "blockNumber": N}, and the
// QBFT transitions of the genesis the nodes run ("transitions": Besu's config.transitions.qbft list). No JSON-RPC
// method returns a node's transitions, so they are a record: apply --k8s writes them once its manifests roll out a
// verified bundle's genesis (src/apply/quorum/record-transitions.ts), and fetch keeps the ones the state folder holds.
import { readFileSync } from 'node:fs';
import type { StageResult } from '../../diagnostics/index.js';
import type { QbftTransitionJson } from '../../quorum/transitions.js';
import { stateError } from './state-error.js';

export interface QuorumState {
  /** Lowercase 0x-prefixed addresses, in the order the node reported them. */
  validators: string[];
  blockNumber: number;
  /** The transitions the live nodes' genesis holds, in block order; none when the file records none. */
  transitions: QbftTransitionJson[];
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
  const transitions = readTransitions((data as { transitions?: unknown }).transitions);
  if (typeof transitions === 'string') return { value: undefined, diagnostics: [stateError(file, transitions)] };
  return {
    value: { validators: validators.map((address: string) => address.toLowerCase()), blockNumber, transitions },
    diagnostics: [],
  };
}

/** The recorded transitions in block order, or why they are not Besu's `transitions.qbft` form. */
function readTransitions(value: unknown): QbftTransitionJson[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'transitions must be a list (Besu genesis config.transitions.qbft)';
  const result: QbftTransitionJson[] = [];
  for (const [index, entry] of value.entries()) {
    const where = `transitions[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return `${where} must be an object`;
    const { block, blockperiodseconds, validatorselectionmode, validatorcontractaddress, validators, ...rest } =
      entry as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) return `${where} has ${unknown.join(', ')}, which netspec does not write`;
    if (typeof block !== 'number' || !Number.isSafeInteger(block) || block < 1)
      return `${where}.block must be a positive integer`;
    if (
      blockperiodseconds !== undefined &&
      (!Number.isSafeInteger(blockperiodseconds) || Number(blockperiodseconds) < 1)
    )
      return `${where}.blockperiodseconds must be a positive integer`;
    if (
      validatorselectionmode !== undefined &&
      validatorselectionmode !== 'blockheader' &&
      validatorselectionmode !== 'contract'
    )
      return `${where}.validatorselectionmode must be blockheader or contract`;
    if (
      validatorcontractaddress !== undefined &&
      (typeof validatorcontractaddress !== 'string' || !ADDRESS.test(validatorcontractaddress))
    )
      return `${where}.validatorcontractaddress must be a 0x-prefixed 20-byte address`;
    if (
      validators !== undefined &&
      (!Array.isArray(validators) ||
        validators.some((address) => typeof address !== 'string' || !ADDRESS.test(address)))
    )
      return `${where}.validators must be a list of 0x-prefixed 20-byte addresses`;
    result.push({
      block,
      ...(blockperiodseconds !== undefined ? { blockperiodseconds: Number(blockperiodseconds) } : {}),
      ...(validatorselectionmode !== undefined ? { validatorselectionmode } : {}),
      ...(validatorcontractaddress !== undefined
        ? { validatorcontractaddress: validatorcontractaddress.toLowerCase() }
        : {}),
      ...(validators !== undefined
        ? { validators: (validators as string[]).map((address) => address.toLowerCase()) }
        : {}),
    });
  }
  return result.sort((a, b) => a.block - b.block);
}
