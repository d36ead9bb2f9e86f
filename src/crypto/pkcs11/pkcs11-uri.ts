// A PKCS#11 URI (RFC 7512) naming the private key netspec signs with, such as
// `pkcs11:token=org1;object=admin?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/run/pin`.
// Path attributes (`;`-separated) say which token and which object; query attributes (`&`-separated) say which
// module to load and where the PIN is. Values are percent-decoded (RFC 7512 section 2.3); `id` is raw bytes.
// An attribute netspec does not know is refused rather than ignored: ignoring one that narrows the choice could
// sign with another key than the one the URI's author meant.

/** RFC 7512's path attributes (section 2.3), which select the library, slot, token and object. */
const PATH_ATTRIBUTES = [
  'library-manufacturer',
  'library-description',
  'library-version',
  'slot-manufacturer',
  'slot-description',
  'slot-id',
  'manufacturer',
  'model',
  'serial',
  'token',
  'object',
  'type',
  'id',
] as const;

/** RFC 7512's query attributes (section 2.3). */
const QUERY_ATTRIBUTES = ['module-name', 'module-path', 'pin-source', 'pin-value'] as const;

export type Pkcs11PathAttribute = (typeof PATH_ATTRIBUTES)[number];
export type Pkcs11QueryAttribute = (typeof QUERY_ATTRIBUTES)[number];

export interface Pkcs11Uri {
  /** Path attributes, percent-decoded as text (`id` is in `id` as bytes). */
  path: Partial<Record<Exclude<Pkcs11PathAttribute, 'id'>, string>>;
  /** CKA_ID, percent-decoded as bytes. */
  id?: Uint8Array;
  query: Partial<Record<Pkcs11QueryAttribute, string>>;
  /** The URI without its query: what a message may show (the query may hold a PIN). */
  display: string;
}

export const PKCS11_SCHEME = 'pkcs11:';

/** True for a `--key` value (or key secret) that names a key on a token rather than a PEM file. */
export function isPkcs11Uri(value: string): boolean {
  return value.trimStart().toLowerCase().startsWith(PKCS11_SCHEME);
}

export function parsePkcs11Uri(text: string): { uri: Pkcs11Uri } | { error: string } {
  const trimmed = text.trim();
  if (!isPkcs11Uri(trimmed)) return { error: `a PKCS#11 URI starts with '${PKCS11_SCHEME}'` };
  const rest = trimmed.slice(PKCS11_SCHEME.length);
  const queryAt = rest.indexOf('?');
  const pathText = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const queryText = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const display = `${PKCS11_SCHEME}${pathText}`;
  const uri: Pkcs11Uri = { path: {}, query: {}, display };

  for (const part of split(pathText, ';')) {
    const attribute = readAttribute(part, 'path');
    if ('error' in attribute) return { error: `${display}: ${attribute.error}` };
    const { name, value } = attribute;
    if (!isOneOf(PATH_ATTRIBUTES, name))
      return { error: `${display}: '${name}' is not a path attribute of RFC 7512 netspec knows` };
    if (name === 'id' ? uri.id !== undefined : uri.path[name] !== undefined)
      return { error: `${display}: the path attribute '${name}' appears twice` };
    const bytes = percentDecode(value);
    if (!bytes) return { error: `${display}: the value of '${name}' has a malformed percent-encoding` };
    if (name === 'id') uri.id = bytes;
    else {
      const decoded = utf8(bytes);
      if (decoded === undefined) return { error: `${display}: the value of '${name}' is not UTF-8 text` };
      uri.path[name] = decoded;
    }
  }
  for (const part of split(queryText, '&')) {
    const attribute = readAttribute(part, 'query');
    // The query may hold a PIN: the message names the attribute, never the text around it.
    if ('error' in attribute) return { error: `${display}: ${attribute.error}` };
    const { name, value } = attribute;
    if (!isOneOf(QUERY_ATTRIBUTES, name))
      return { error: `${display}: '${name}' is not a query attribute of RFC 7512 netspec knows` };
    if (uri.query[name] !== undefined) return { error: `${display}: the query attribute '${name}' appears twice` };
    const bytes = percentDecode(value);
    const decoded = bytes ? utf8(bytes) : undefined;
    if (decoded === undefined) return { error: `${display}: the value of '${name}' is not percent-encoded UTF-8` };
    uri.query[name] = decoded;
  }
  if (uri.path.type !== undefined && !['private', 'public', 'cert', 'secret-key', 'data'].includes(uri.path.type))
    return { error: `${display}: type=${uri.path.type} is not an object type of RFC 7512` };
  if (uri.path['slot-id'] !== undefined && !/^[0-9]+$/.test(uri.path['slot-id']))
    return { error: `${display}: slot-id must be a decimal number` };
  return { uri };
}

function split(text: string, separator: string): string[] {
  return text === '' ? [] : text.split(separator);
}

function readAttribute(part: string, kind: string): { name: string; value: string } | { error: string } {
  const equals = part.indexOf('=');
  if (equals <= 0) return { error: `each ${kind} attribute is name=value ('${part.split('=')[0]}' is not)` };
  return { name: part.slice(0, equals), value: part.slice(equals + 1) };
}

function isOneOf<T extends string>(names: readonly T[], name: string): name is T {
  return (names as readonly string[]).includes(name);
}

/** %XX sequences to bytes, every other character as its UTF-8; undefined for a broken %-sequence. */
function percentDecode(value: string): Uint8Array | undefined {
  const parts: Buffer[] = [];
  let rest = value;
  for (let at = rest.indexOf('%'); at !== -1; at = rest.indexOf('%')) {
    const hex = rest.slice(at + 1, at + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
    parts.push(Buffer.from(rest.slice(0, at), 'utf8'), Buffer.from(hex, 'hex'));
    rest = rest.slice(at + 3);
  }
  parts.push(Buffer.from(rest, 'utf8'));
  return new Uint8Array(Buffer.concat(parts));
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
