// Looking up a Fabric message type by its protobuf name (`common.Block`), with a suggestion when it is mistyped.
import type protobuf from 'protobufjs/light.js';
import { didYouMean } from '../../diagnostics/index.js';
import { UnknownTypeError } from './codec-error.js';
import { fabricRoot } from './load-root.js';

const typeCache = new Map<string, protobuf.Type>();
let allNames: string[] | undefined;

export function messageType(name: string): protobuf.Type {
  const key = name.startsWith('.') ? name.slice(1) : name;
  const known = typeCache.get(key);
  if (known) return known;
  const found = fabricRoot().lookup(key);
  if (!found || !('fieldsArray' in found) || found.fullName !== `.${key}`) {
    throw new UnknownTypeError(`unknown message type '${key}'${didYouMean(key, messageTypeNames())}`, '');
  }
  const type = found as protobuf.Type;
  typeCache.set(key, type);
  return type;
}

/** Every message type the loaded schema defines, e.g. `common.ConfigUpdate`. */
export function messageTypeNames(): string[] {
  if (!allNames) {
    allNames = [];
    const visit = (namespace: protobuf.NamespaceBase): void => {
      for (const nested of namespace.nestedArray) {
        if ('fieldsArray' in nested) allNames!.push(nested.fullName.slice(1));
        if ('nestedArray' in nested) visit(nested as protobuf.NamespaceBase);
      }
    };
    visit(fabricRoot());
  }
  return allNames;
}
