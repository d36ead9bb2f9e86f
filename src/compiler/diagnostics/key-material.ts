// Private key material never appears in a message. A diagnostic that quotes what the user wrote (a value, a source
// line, a YAML excerpt) could otherwise echo part of a key pasted into the spec, into a terminal, a CI log or a PR
// comment, where it outlives the fix. Two layers:
//  - at the quote: a value that is key material is never quoted (`describeKeyMaterial` says what it is instead);
//  - at print time: every message and hint is scrubbed against the key material found in the source it points
//    into, so an excerpt that starts in the middle of a key's base64 (where nothing says "key") is caught too.
// Key material is a PEM `-----BEGIN … PRIVATE KEY-----` block (PKCS#8, encrypted PKCS#8, SEC1 "EC", PKCS#1 "RSA",
// OpenSSH), terminated or not, or a run of base64 that decodes to a DER private key (PKCS#8, SEC1 or PKCS#1), the
// way Node's crypto.createPrivateKey (OpenSSL's d2i_AutoPrivateKey) reads one.
import { createPrivateKey } from 'node:crypto';

export const REDACTED_KEY = '[private key redacted]';

/** A PEM private-key block; without an END line it runs over the base64 that follows (a truncated excerpt). */
const PEM_BLOCK =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|[A-Za-z0-9+/=\s:,-]*)/g;
/** A run of base64, possibly wrapped over lines and indented as YAML block scalars are. */
const BASE64_RUN = /[A-Za-z0-9+/]{16,}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{4,})*={0,2}/g;
/** The smallest DER private key worth finding: a P-256 SEC1 key is 121 bytes (164 base64 characters). */
const MIN_KEY_BASE64 = 64;
/** Fragments shorter than this are not matched against keys (too likely to occur by chance in a message). */
const MIN_FRAGMENT = 8;

/** Whether `text` holds a private key anywhere: a PEM block or base64 that parses as a DER private key. */
export function containsKeyMaterial(text: string): boolean {
  PEM_BLOCK.lastIndex = 0;
  if (PEM_BLOCK.test(text) || /PRIVATE KEY-----/.test(text)) return true;
  return derKeyRuns(text).length > 0;
}

/** `text` with every PEM private-key block and every base64 DER private key replaced by a marker. */
export function redactKeyMaterial(text: string): string {
  let result = text.replace(PEM_BLOCK, REDACTED_KEY);
  for (const run of derKeyRuns(result)) result = result.split(run).join(REDACTED_KEY);
  return result;
}

/**
 * `message` with any fragment of the key material in `source` (the text a diagnostic points into) replaced, and
 * any key material of its own redacted. A fragment is a run of base64 characters sharing MIN_FRAGMENT characters
 * in a row with a key's base64 body.
 */
export function scrubKeyMaterial(message: string, source: string | undefined): string {
  let result = redactKeyMaterial(message);
  const bodies = source === undefined ? [] : keyBodies(source);
  if (bodies.length === 0) return result;
  result = result.replace(/[A-Za-z0-9+/=]{8,}/g, (run) => (sharesFragment(run, bodies) ? REDACTED_KEY : run));
  return result;
}

/** The base64 bodies (whitespace removed) of every private key in `source`. Cached: a file has many diagnostics. */
function keyBodies(source: string): string[] {
  const cached = bodyCache.get(source);
  if (cached) return cached;
  const bodies: string[] = [];
  PEM_BLOCK.lastIndex = 0;
  for (const block of source.match(PEM_BLOCK) ?? []) {
    const body = block
      .replace(/-----(BEGIN|END) [A-Z0-9 ]*PRIVATE KEY-----/g, '')
      .replace(/^[A-Za-z-]+:.*$/gm, '')
      .replace(/[^A-Za-z0-9+/]/g, '');
    if (body.length >= MIN_FRAGMENT) bodies.push(body);
  }
  for (const run of derKeyRuns(source)) bodies.push(run.replace(/[^A-Za-z0-9+/]/g, ''));
  if (bodyCache.size > 16) bodyCache.clear();
  bodyCache.set(source, bodies);
  return bodies;
}
const bodyCache = new Map<string, string[]>();

function sharesFragment(run: string, bodies: readonly string[]): boolean {
  const plain = run.replace(/=+$/, '');
  for (let start = 0; start + MIN_FRAGMENT <= plain.length; start++) {
    const window = plain.slice(start, start + MIN_FRAGMENT);
    if (bodies.some((body) => body.includes(window))) return true;
  }
  return false;
}

/** The base64 runs of `text` (as written, whitespace included) that decode to a DER private key. */
function derKeyRuns(text: string): string[] {
  const runs: string[] = [];
  for (const run of text.match(BASE64_RUN) ?? []) {
    const compact = run.replace(/\s+/g, '');
    if (compact.length >= MIN_KEY_BASE64 && isDerPrivateKey(Buffer.from(compact, 'base64'))) runs.push(run);
  }
  return runs;
}

function isDerPrivateKey(der: Buffer): boolean {
  // Every DER private key is a SEQUENCE; anything else is not worth asking OpenSSL about.
  if (der[0] !== 0x30) return false;
  for (const type of ['pkcs8', 'sec1', 'pkcs1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}
