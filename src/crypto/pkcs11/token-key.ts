// An ECDSA private key that stays on a PKCS#11 token (SoftHSM2, a YubiHSM 2, AWS CloudHSM, a Luna...), found by
// an RFC 7512 URI and used through the module the URI names. netspec hashes with SHA-256 itself and asks the token
// for CKM_ECDSA over the digest, as Fabric's own PKCS#11 provider does (bccsp/pkcs11/pkcs11.go, signP11ECDSA):
// every token implements that mechanism, while the hashing variants (CKM_ECDSA_SHA256) are optional.
// The token answers r || s (PKCS#11 v2.40 Current Mechanisms, 2.3.1); ecdsa-signature.ts turns it into low-S DER.
// Before the key is handed out, it signs a random challenge that must verify with the certificate's public key: a
// URI that finds the wrong object fails here, with its reason, rather than in the orderer's policy check.

import { createHash, type KeyObject, randomBytes, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11Binding from 'pkcs11js';
import { type Pkcs11Uri, parsePkcs11Uri } from './pkcs11-uri.js';
import { TokenError } from './token-error.js';
import { PIN_ENVIRONMENT_VARIABLE, tokenPin } from './token-pin.js';

/** A private key on a token: it signs a SHA-256 digest and returns r || s. It cannot be read or exported. */
export interface TokenSigningKey {
  readonly kind: 'pkcs11';
  /** The certificate's public key, which this key proved it belongs to when it was opened. */
  readonly publicKey: KeyObject;
  /** The URI without its query (never a PIN), for messages. */
  readonly description: string;
  /** ECDSA over `digest` (32 bytes), as the token returns it: r || s, each half the length. */
  signDigest(digest: Uint8Array): Uint8Array;
}

type Binding = typeof Pkcs11Binding;
type Handle = Buffer;

/**
 * Opens the key `uriText` names and proves it is the private key of `publicKey` (the certificate's).
 * Throws TokenError, with the URI's path and the token's reason, for any problem.
 */
export function openTokenKey(
  uriText: string,
  publicKey: KeyObject,
  env: NodeJS.ProcessEnv = process.env,
): TokenSigningKey {
  const parsed = parsePkcs11Uri(uriText);
  if ('error' in parsed) throw new TokenError(parsed.error);
  const uri = parsed.uri;
  const pin = tokenPin(uri, env);
  if ('error' in pin) throw new TokenError(pin.error);
  const fail = (what: string) => new TokenError(`${uri.display}: ${what}`);
  if (uri.path.type !== undefined && uri.path.type !== 'private')
    throw fail(`type=${uri.path.type} names no private key; netspec signs with type=private (or no type)`);
  const modulePath = uri.query['module-path'];
  if (modulePath === undefined)
    throw fail(
      uri.query['module-name'] !== undefined
        ? 'netspec loads a module by its path: give module-path=/path/to/the/module.so instead of module-name'
        : 'add the module to load, as ?module-path=/path/to/the/module.so (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so)',
    );

  const binding = loadBinding(fail);
  const module = openModule(binding, modulePath, fail);
  const slot = findSlot(binding, module, uri, fail);
  const token = module.C_GetTokenInfo(slot);
  const session = call(fail, 'opening a session', () => module.C_OpenSession(slot, binding.CKF_SERIAL_SESSION));
  if (token.flags & binding.CKF_LOGIN_REQUIRED) {
    if ('none' in pin)
      throw fail(
        `the token '${token.label.trim()}' needs its user PIN: name a file holding it with pin-source=file:/path, or set ${PIN_ENVIRONMENT_VARIABLE}`,
      );
    try {
      module.C_Login(session, binding.CKU_USER, pin.pin);
    } catch (error) {
      // Login state is per token and application: another key of this process may have logged in already.
      if (codeOf(error) !== 'CKR_USER_ALREADY_LOGGED_IN') throw fail(`logging in: ${reasonOf(error)}`);
    }
  }
  const handle = findPrivateKey(binding, module, session, uri, fail);
  const keyType = call(fail, 'reading the key type', () =>
    module.C_GetAttributeValue(session, handle, [{ type: binding.CKA_KEY_TYPE }]),
  )[0]?.value as Buffer | undefined;
  if (!keyType || readUlong(keyType) !== binding.CKK_EC)
    throw fail(
      'the object is not an elliptic-curve key; Fabric identities netspec signs with use ECDSA P-256 or P-384',
    );

  const signDigest = (digest: Uint8Array): Uint8Array =>
    new Uint8Array(
      call(fail, 'signing', () => {
        module.C_SignInit(session, { mechanism: binding.CKM_ECDSA }, handle);
        // Room for r || s of any curve up to P-521; the binding returns the slice the token wrote.
        return module.C_Sign(session, Buffer.from(digest), Buffer.alloc(2 * 66 + 8));
      }),
    );

  const challenge = randomBytes(32);
  const proof = signDigest(createHash('sha256').update(challenge).digest());
  let proven = false;
  try {
    proven = verify('sha256', challenge, { key: publicKey, dsaEncoding: 'ieee-p1363' }, proof);
  } catch {
    proven = false;
  }
  if (!proven)
    throw fail(
      "the key on the token is not the private key of the certificate (a signature it made does not verify with the certificate's public key)",
    );
  return { kind: 'pkcs11', publicKey, description: uri.display, signDigest };
}

function loadBinding(fail: (what: string) => TokenError): Binding {
  try {
    // pkcs11js is an optional, native dependency: it is loaded only when a key is on a token.
    return createRequire(import.meta.url)('pkcs11js') as Binding;
  } catch {
    throw fail(
      'PKCS#11 keys need the optional package pkcs11js, which is not installed here (it builds with node-gyp, ' +
        'which needs python3, make and a C++ compiler): run `npm install pkcs11js` next to netspec',
    );
  }
}

/** One initialised module per path for the whole process: C_Initialize may run once per module and process. */
const openModules = new Map<string, Pkcs11Binding.PKCS11>();

function openModule(binding: Binding, path: string, fail: (what: string) => TokenError): Pkcs11Binding.PKCS11 {
  const open = openModules.get(path);
  if (open) return open;
  const module = new binding.PKCS11();
  try {
    module.load(path);
  } catch (error) {
    throw fail(`the module ${path} cannot be loaded (${reasonOf(error)})`);
  }
  try {
    module.C_Initialize();
  } catch (error) {
    if (codeOf(error) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw fail(`initialising ${path}: ${reasonOf(error)}`);
  }
  openModules.set(path, module);
  if (openModules.size === 1) process.once('exit', closeModules);
  return module;
}

function closeModules(): void {
  for (const module of openModules.values()) {
    try {
      module.C_Finalize();
    } catch {
      // The process is ending: a module that will not finalise is unloaded with it.
    }
  }
  openModules.clear();
}

/** The one slot whose library, slot and token match every such attribute of the URI. */
function findSlot(
  binding: Binding,
  module: Pkcs11Binding.PKCS11,
  uri: Pkcs11Uri,
  fail: (what: string) => TokenError,
): Handle {
  const library = call(fail, 'reading the module information', () => module.C_GetInfo());
  const libraryMatches =
    matches(uri.path['library-manufacturer'], library.manufacturerID) &&
    matches(uri.path['library-description'], library.libraryDescription) &&
    matches(uri.path['library-version'], `${library.libraryVersion.major}.${library.libraryVersion.minor}`);
  if (!libraryMatches) throw fail('the module does not match the library-* attributes of the URI');
  const slots = call(fail, 'listing the slots', () => module.C_GetSlotList(true));
  const labels: string[] = [];
  const found = slots.filter((slot) => {
    const slotInfo = module.C_GetSlotInfo(slot);
    const token = module.C_GetTokenInfo(slot);
    if (!(token.flags & binding.CKF_TOKEN_INITIALIZED)) return false;
    labels.push(token.label.trim());
    return (
      matches(uri.path['slot-id'], readUlong(slot).toString()) &&
      matches(uri.path['slot-manufacturer'], slotInfo.manufacturerID) &&
      matches(uri.path['slot-description'], slotInfo.slotDescription) &&
      matches(uri.path.token, token.label) &&
      matches(uri.path.manufacturer, token.manufacturerID) &&
      matches(uri.path.model, token.model) &&
      matches(uri.path.serial, token.serialNumber)
    );
  });
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw fail(
      labels.length === 0
        ? 'the module has no initialised token'
        : `no token matches (the module has ${labels
            .sort()
            .map((label) => `'${label}'`)
            .join(', ')})`,
    );
  throw fail(`${found.length} tokens match: add serial= or slot-id= to the URI to name one`);
}

/** The one private key with the URI's label (object=) and CKA_ID (id=). */
function findPrivateKey(
  binding: Binding,
  module: Pkcs11Binding.PKCS11,
  session: Handle,
  uri: Pkcs11Uri,
  fail: (what: string) => TokenError,
): Handle {
  if (uri.path.object === undefined && uri.id === undefined)
    throw fail('name the key with object=<label> or id=<CKA_ID>');
  const template: Pkcs11Binding.Template = [{ type: binding.CKA_CLASS, value: binding.CKO_PRIVATE_KEY }];
  if (uri.path.object !== undefined) template.push({ type: binding.CKA_LABEL, value: uri.path.object });
  if (uri.id !== undefined) template.push({ type: binding.CKA_ID, value: Buffer.from(uri.id) });
  const found = call(fail, 'finding the key', () => {
    module.C_FindObjectsInit(session, template);
    try {
      return module.C_FindObjects(session, 2);
    } finally {
      module.C_FindObjectsFinal(session);
    }
  });
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw fail('the token holds no private key with that object label and id');
  throw fail('more than one private key matches: add id= to the URI to name one');
}

/** Token and slot text fields are fixed-width and padded with spaces (PKCS#11 CK_TOKEN_INFO). */
function matches(wanted: string | undefined, actual: string): boolean {
  return wanted === undefined || wanted === actual.replace(/[ \0]+$/, '');
}

/** A CK_ULONG as the binding returns it: native-endian bytes (little-endian on the platforms Node runs on). */
function readUlong(bytes: Buffer): number {
  return bytes.length >= 8 ? Number(bytes.readBigUInt64LE(0)) : bytes.readUInt32LE(0);
}

function call<T>(fail: (what: string) => TokenError, doing: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw fail(`${doing}: ${reasonOf(error)}`);
  }
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && /^CKR_/.test(error.message) ? error.message : undefined;
}

/** The token's return value in words where the words help; the CKR_ name stays, for the token's manual. */
function reasonOf(error: unknown): string {
  const code = codeOf(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  const words = CKR_WORDS[code];
  return words ? `${words} (${code})` : code;
}

const CKR_WORDS: Readonly<Record<string, string>> = {
  CKR_PIN_INCORRECT: 'the PIN is wrong',
  CKR_PIN_LOCKED: 'the PIN is locked after too many wrong tries',
  CKR_PIN_EXPIRED: 'the PIN has expired and must be changed on the token',
  CKR_TOKEN_NOT_PRESENT: 'the token is not present',
  CKR_DEVICE_REMOVED: 'the token was removed',
  CKR_DEVICE_ERROR: 'the token reports a device error',
  CKR_KEY_FUNCTION_NOT_PERMITTED: 'the key is not allowed to sign (CKA_SIGN is false)',
  CKR_MECHANISM_INVALID: 'the token does not offer ECDSA (CKM_ECDSA) for this key',
  CKR_USER_NOT_LOGGED_IN: 'the token needs a login first',
};
