// The one failure the Fabric codec raises internally: what is wrong and where (a dotted field path).
// Public entry points catch it and turn it into a diagnostic; it never escapes to callers.
export class CodecError extends Error {
  constructor(
    message: string,
    /** Where in the message the problem is, e.g. `channel_group.groups.Orderer.values.BatchSize.value`. */
    readonly path: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

export function joinPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  return path ? `${path}.${segment}` : segment;
}

/** A message type name the schema does not define (a mistyped `--type`). */
export class UnknownTypeError extends CodecError {}
