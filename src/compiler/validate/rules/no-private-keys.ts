// No value of the spec is a private key. network.yaml is committed, reviewed in PRs and printed in CI logs: a key
// pasted into `displayName`, a description or any other text field is published with it (and stays in git history
// after it is deleted). Keys belong in CI secrets, named by `connection.identities.<org>.privateKey.secret`.
// The finding points at the value and names the field; it never quotes a byte of it.
import { containsKeyMaterial } from '../../diagnostics/index.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule } from '../rule-context.js';

export const noPrivateKeys: Rule = (ctx) => {
  for (const path of keyPaths(ctx.parsed.data, [])) {
    ctx.report({
      code: 'NS_PRIVATE_KEY_IN_SPEC',
      message: `${describePath(path)} holds a private key; a spec must never contain one`,
      hint:
        'delete it and treat the key as exposed (it is in this commit and its history): issue a new one, keep it ' +
        'in a CI secret and name that secret under connection.identities.<organization>.privateKey',
      at: path,
    });
  }
};

function keyPaths(value: unknown, path: DataPath): DataPath[] {
  if (typeof value === 'string') return containsKeyMaterial(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => keyPaths(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => keyPaths(item, [...path, key]));
  return [];
}

/** `organizations.alpha.displayName`, `chaincodes[0].name`: where, in the spec's own terms. */
function describePath(path: DataPath): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${part}`))
    .join('');
}
