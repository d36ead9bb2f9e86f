// `fabric/<channel>.chaincodes.json`: the committed chaincode definitions of a channel, as
// `peer lifecycle chaincode querycommitted --channelID <c> -O json` prints them.
import { readFileSync } from 'node:fs';
import type { Diagnostic, StageResult } from '../../diagnostics/index.js';
import { stateError } from './state-error.js';

export interface CommittedChaincode {
  name: string;
  version: string;
  sequence: number;
  initRequired: boolean;
  /** base64 of the peer.ApplicationPolicy bytes (the endorsement policy). */
  validationParameter: string;
  /** The collection config package, as the peer prints it (`{}` when none). */
  collections: unknown;
}

export function readChaincodesState(file: string): StageResult<CommittedChaincode[]> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(stateError(file, `not readable JSON (${(error as Error).message})`));
  }
  const definitions = (data as { chaincode_definitions?: unknown } | null)?.chaincode_definitions;
  // The peer prints `{}` for a channel with no committed chaincode.
  if (
    definitions === undefined &&
    data !== null &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.keys(data).length === 0
  ) {
    return { value: [], diagnostics: [] };
  }
  if (!Array.isArray(definitions)) {
    return fail(
      stateError(
        file,
        'expected {"chaincode_definitions": [...]} as `peer lifecycle chaincode querycommitted -O json` prints',
      ),
    );
  }
  const value: CommittedChaincode[] = [];
  const diagnostics: Diagnostic[] = [];
  definitions.forEach((entry: Record<string, unknown>, index) => {
    const where = `chaincode_definitions[${index}]`;
    if (entry === null || typeof entry !== 'object') {
      diagnostics.push(stateError(file, `${where} is not an object`));
      return;
    }
    const sequence = Number(entry.sequence);
    if (typeof entry.name !== 'string' || entry.name === '')
      diagnostics.push(stateError(file, `${where}.name must be a non-empty string`));
    else if (typeof entry.version !== 'string') diagnostics.push(stateError(file, `${where}.version must be a string`));
    else if (!Number.isSafeInteger(sequence) || sequence < 1)
      diagnostics.push(stateError(file, `${where}.sequence must be a positive integer`));
    else if (entry.validation_parameter !== undefined && typeof entry.validation_parameter !== 'string') {
      diagnostics.push(stateError(file, `${where}.validation_parameter must be base64 text`));
    } else {
      value.push({
        name: entry.name,
        version: entry.version,
        sequence,
        initRequired: entry.init_required === true,
        validationParameter: (entry.validation_parameter as string | undefined) ?? '',
        collections: entry.collections ?? {},
      });
    }
  });
  return diagnostics.length > 0 ? { value: undefined, diagnostics } : { value, diagnostics };
}

function fail(diagnostic: Diagnostic): StageResult<CommittedChaincode[]> {
  return { value: undefined, diagnostics: [diagnostic] };
}
