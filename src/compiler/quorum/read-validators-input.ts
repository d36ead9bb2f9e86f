// The input of `netspec quorum extra-data`: a JSON array whose entries are validator addresses or 64-byte node
// public keys. JSON is YAML, so the YAML parser gives every entry a source range for `file:line:col` errors.
import type { Diagnostic, StageResult } from '../diagnostics/index.js';
import { locate, parseYaml } from '../parse/index.js';
import { addressFromPublicKey, addressProblem, normalizeAddress, publicKeyProblem } from './address.js';
import { strip0x } from './hex.js';

/** Lower-case 0x addresses in the order given. */
export function readValidatorsInput(file: string, text: string): StageResult<string[]> {
  const parsed = parseYaml(file, text);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  const doc = parsed.value;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const error = (path: (string | number)[], code: Diagnostic['code'], message: string, related?: (string | number)[]) =>
    diagnostics.push({
      code,
      severity: 'error',
      message,
      ranges: [locate(doc, path, 'value'), ...(related ? [locate(doc, related, 'value')] : [])],
    });
  const data: unknown = doc.data;
  if (!Array.isArray(data)) {
    error([], 'NS_SCHEMA_TYPE', 'expected a JSON array of validator addresses or node public keys');
    return { value: undefined, diagnostics };
  }
  const addresses: string[] = [];
  const firstAt = new Map<string, number>();
  data.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      error([index], 'NS_SCHEMA_TYPE', `entry ${index} is not a string: expected an address or a node public key`);
      return;
    }
    const hex = strip0x(entry.trim());
    let address: string;
    if (hex.length === 40) {
      const problem = addressProblem(entry.trim());
      if (problem) {
        error([index], 'NS_QUORUM_INVALID_ADDRESS', `entry ${index} '${entry}' is not a validator address: ${problem}`);
        return;
      }
      address = normalizeAddress(entry.trim());
    } else {
      const problem = publicKeyProblem(entry);
      if (problem) {
        error(
          [index],
          'NS_QUORUM_INVALID_KEY',
          `entry ${index} is not an address or a secp256k1 public key: ${problem}`,
        );
        return;
      }
      address = addressFromPublicKey(entry);
    }
    const first = firstAt.get(address);
    if (first !== undefined) {
      error(
        [index],
        'NS_QUORUM_DUPLICATE_VALIDATOR',
        `entry ${index} is validator ${address} again (first at entry ${first})`,
        [first],
      );
      return;
    }
    firstAt.set(address, index);
    addresses.push(address);
  });
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { value: failed ? undefined : addresses, diagnostics };
}
