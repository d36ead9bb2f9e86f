// Reading a message's top-level length-delimited fields straight from the wire, without its descriptor: for
// messages the codec does not describe (peer/query.proto) and for bytes that must stay exactly as sent (a block
// inside a DeliverResponse: decoding and re-encoding could change fields this schema does not know).
// The one varint reader outside the codec (decode.ts), bounds-checked like it.

/**
 * Every occurrence of field `fieldNumber`, in order, as subarrays of `bytes`; varint, fixed32 and fixed64 fields are
 * skipped. Undefined when the bytes are not a well-formed message (a group, an unknown wire type, or data cut short).
 */
export function lengthDelimitedFields(bytes: Uint8Array, fieldNumber: number): Uint8Array[] | undefined {
  const found: Uint8Array[] = [];
  let offset = 0;
  const varint = (): number | undefined => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (offset >= bytes.length) return undefined;
      const byte = bytes[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  while (offset < bytes.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const wire = key % 8;
    if (wire === 2) {
      const length = varint();
      if (length === undefined || offset + length > bytes.length) return undefined;
      if (Math.floor(key / 8) === fieldNumber) found.push(bytes.subarray(offset, offset + length));
      offset += length;
    } else if (wire === 0) {
      if (varint() === undefined) return undefined;
    } else if (wire === 1 || wire === 5) {
      offset += wire === 1 ? 8 : 4;
      if (offset > bytes.length) return undefined;
    } else return undefined;
  }
  return found;
}
