// Hex text <-> bytes, the way Ethereum tools write them: `0x` prefix optional on input, always on output.

/** Bytes of a hex text (an optional `0x` prefix, even length); undefined when it is not hex. */
export function hexToBytes(text: string): Uint8Array | undefined {
  const hex = strip0x(text);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** `0x` + lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

export function strip0x(text: string): string {
  return text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
}
