// A minimal, deterministic .tar.gz writer for chaincode packages. Fabric names an installed package by
// `<label>:<sha256 of the package bytes>`, so the same files must always give the same bytes, on every machine
// and every run. What would vary in a general-purpose tar/gzip is pinned here:
//  - tar: POSIX ustar headers only (no pax/GNU extensions), entries sorted by name (byte order), mode 0644,
//    uid/gid 0, empty user/group names, mtime 0, no device numbers; the archive ends with two zero blocks and is
//    not padded to a 10 KiB record (Go's archive/tar, which Fabric's own packager uses, does not pad either);
//  - gzip: node:zlib at a fixed level (9), then the header's MTIME set to 0, XFL to 2 (maximum compression, as
//    RFC 1952 says for level 9) and OS to 255 ("unknown", what Go's compress/gzip writes), with no file name.
// The deflate stream itself is zlib's: identical for identical input and level with the zlib Node bundles.
import { gzipSync } from 'node:zlib';
import { concatBytes } from '../../../bytes.js';

export interface TarEntry {
  /** Path inside the archive (ASCII, at most 100 bytes: the package's file names are fixed and short). */
  name: string;
  bytes: Uint8Array;
}

const BLOCK = 512;
const GZIP_LEVEL = 9;
const GZIP_XFL_MAX_COMPRESSION = 2;
const GZIP_OS_UNKNOWN = 255;

/** A ustar archive of the entries, sorted by name. Throws on a name that ustar cannot hold (a programming error). */
export function tarArchive(entries: readonly TarEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Uint8Array[] = [];
  for (const entry of sorted) {
    parts.push(ustarHeader(entry.name, entry.bytes.length));
    parts.push(entry.bytes);
    const padding = (BLOCK - (entry.bytes.length % BLOCK)) % BLOCK;
    if (padding) parts.push(new Uint8Array(padding));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return concatBytes(parts);
}

/** gzip with every header field that could carry a time, a name or the host OS fixed. */
export function deterministicGzip(bytes: Uint8Array): Uint8Array {
  const gz = new Uint8Array(gzipSync(bytes, { level: GZIP_LEVEL }));
  gz.fill(0, 4, 8); // MTIME
  gz[8] = GZIP_XFL_MAX_COMPRESSION;
  gz[9] = GZIP_OS_UNKNOWN;
  return gz;
}

export function tarGzip(entries: readonly TarEntry[]): Uint8Array {
  return deterministicGzip(tarArchive(entries));
}

function ustarHeader(name: string, size: number): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  if (nameBytes.length === 0 || nameBytes.length > 100 || /[^\x20-\x7e]/.test(name))
    throw new Error(`tar entry name '${name}' must be 1-100 printable ASCII characters`);
  const header = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => header.set(new TextEncoder().encode(text), offset);
  header.set(nameBytes, 0);
  put(100, '0000644\0'); // mode
  put(108, '0000000\0'); // uid
  put(116, '0000000\0'); // gid
  put(124, `${size.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0'); // mtime
  put(148, '        '); // checksum placeholder: eight spaces while summing
  put(156, '0'); // regular file
  put(257, 'ustar\0');
  put(263, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  put(148, `${checksum.toString(8).padStart(6, '0')}\0 `);
  return header;
}
