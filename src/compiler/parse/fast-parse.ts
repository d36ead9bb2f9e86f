// The quick way through a plain spec: js-yaml reads a large network.yaml about ten times faster than the
// source-mapping parser, and most specs are plain (no anchors, tags, duplicate keys or exotic numbers). The
// source-mapped document is then built only if something asks where a node is (a diagnostic). Anything the
// quick reader might read differently, or refuses, goes the careful way, which reports it with its location.
import { CORE_SCHEMA, load } from 'js-yaml';

// Anchors, aliases, merge keys and tags; keys that name object internals; numbers written in a way the two
// parsers read differently (0b/0o/0x with a sign, fractions without a leading digit).
const CAREFUL_WAY = /[&*!]|<<|__proto__|constructor|prototype|(^|[\s:,[{-])[-+]?(0[box]|\.[0-9])/m;

/** The plain value of `text`, or undefined when the text must go through the source-mapping parser. */
export function quickData(text: string): object | undefined {
  if (CAREFUL_WAY.test(text)) return undefined;
  try {
    // json: false refuses duplicate keys; load refuses a stream of several documents.
    const data = load(text, { schema: CORE_SCHEMA, json: false });
    return typeof data === 'object' && data !== null ? data : undefined;
  } catch {
    return undefined;
  }
}
