// The quick way through a plain spec: js-yaml reads a large network.yaml several times faster than the
// source-mapping parser, and most specs are plain (no anchors, tags, duplicate keys or exotic numbers). The
// source-mapped document is then built only if something asks where a node is (a diagnostic). Anything the
// quick reader might read differently, or refuses, goes the careful way, which reports it with its location.
// Kept because it pays: the 200-organization consortium of `npm run bench` (118 KB) is read in 85 ms of CPU this
// way and in 390 ms the careful way (each in a fresh process, median of five), a difference of over a fifth of
// that consortium's whole plan.
import { CORE_SCHEMA, load } from 'js-yaml';

// Anchors, aliases and tags (at the start of a token), merge keys, keys that name object internals, integers that
// may be too large to read exactly, and plain scalars the two parsers read differently: 0b binary, signed 0x/0o, a fraction without a leading digit, an
// exponent too large for a double. Such a text is rare and still correct, only slower.
const CAREFUL_WAY = new RegExp(
  [
    String.raw`(?:^|[\s,[{:-])[&*!]`,
    '<<',
    '__proto__|constructor|prototype',
    // Integers that may be beyond 2^53 (16 or more decimal digits): the careful way refuses those it cannot hold.
    String.raw`(?:^|[\s:,[{])[-+]?(?:[0-9][0-9_]{15,}|0x[0-9a-fA-F_]{14,}|0o[0-7_]{17,})(?=[\s,\]}#]|$)`,
    String.raw`(?:^|[\s:,[{])(?:[-+]?0b[0-9_]+|[-+]0[xo][0-9a-fA-F_]*|[-+]?\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_.]*[eE][-+]?[0-9]{3,})(?=[\s,\]}#]|$)`,
  ].join('|'),
  'm',
);

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
