// Saying where a value is in the words of the network ("peer 'peer0' of organization 'acme'"), not as a JSON pointer.
import type { DataPath } from '../../parse/index.js';
import { valueAt } from './instance-path.js';

interface Entity {
  /** How many path segments the entity covers. */
  length: number;
  phrase: string;
}

/**
 * Where a value sits: `organization 'acme'`, `'ca.port' of organization 'acme'`, `'name'`, or `the spec` for the
 * document itself. Fields below the nearest named thing are written as a dotted path.
 */
export function describePlace(data: unknown, path: DataPath): string {
  const entity = nearestEntity(data, path);
  const rest = path.slice(entity?.length ?? 0);
  if (rest.length === 0) return entity?.phrase ?? 'the spec';
  const field = `'${fieldPath(rest)}'`;
  return entity ? `${field} of ${entity.phrase}` : field;
}

/** True when `path` is exactly a named thing whose name is its map key (an organization, a channel, ...). */
export function isKeyedEntity(data: unknown, path: DataPath): boolean {
  const entity = nearestEntity(data, path);
  return entity !== undefined && entity.length === path.length && typeof path[path.length - 1] === 'string';
}

function fieldPath(rest: DataPath): string {
  return rest
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}

/** The deepest named thing on the path; each step down names its parent too ("collection 'x' of chaincode 'y'"). */
function nearestEntity(data: unknown, path: DataPath): Entity | undefined {
  const [section, key, child, index] = path;
  if (section === 'organizations' && typeof key === 'string') {
    const organization = `organization '${key}'`;
    const kind = child === 'peers' ? 'peer' : child === 'orderers' ? 'orderer' : child === 'users' ? 'user' : undefined;
    if (kind && typeof index === 'number') {
      return { length: 4, phrase: `${kind} ${nameOf(data, path.slice(0, 4), index)} of ${organization}` };
    }
    return { length: 2, phrase: organization };
  }
  if (section === 'channels' && typeof key === 'string') return { length: 2, phrase: `channel '${key}'` };
  if (section === 'chaincodes' && typeof key === 'number') {
    const chaincode = `chaincode ${nameOf(data, path.slice(0, 2), key)}`;
    if (child === 'collections' && typeof index === 'number') {
      return { length: 4, phrase: `collection ${nameOf(data, path.slice(0, 4), index)} of ${chaincode}` };
    }
    return { length: 2, phrase: chaincode };
  }
  if (section === 'quorum' && typeof key === 'string') {
    const network = `Quorum network '${key}'`;
    const kind = child === 'validators' ? 'validator' : child === 'members' ? 'member node' : undefined;
    if (kind && typeof index === 'number') {
      return { length: 4, phrase: `${kind} ${nameOf(data, path.slice(0, 4), index)} of ${network}` };
    }
    return { length: 2, phrase: network };
  }
  if (section === 'connection' && key === 'identities' && typeof child === 'string') {
    return { length: 3, phrase: `the CI identity of organization '${child}'` };
  }
  if (section === 'connection' && key === 'endpoints' && typeof child === 'string') {
    return { length: 3, phrase: `the endpoint of '${child}'` };
  }
  if (section === 'allow' && typeof key === 'number') return { length: 2, phrase: `allow entry ${key + 1}` };
  return undefined;
}

/** `'peer0'` when the list item has a usable name, else its position (`#2`), so the message never guesses. */
function nameOf(data: unknown, itemPath: DataPath, index: number): string {
  const name = valueAt(data, [...itemPath, 'name']);
  return typeof name === 'string' && name.length > 0 ? `'${name}'` : `#${index + 1}`;
}
