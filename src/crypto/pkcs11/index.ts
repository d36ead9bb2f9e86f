// Keys on PKCS#11 tokens: an RFC 7512 URI, the PIN it points to, and the key that signs in place. The binding
// (pkcs11js) loads only when a URI is opened.
export { isPkcs11Uri, type Pkcs11Uri, parsePkcs11Uri } from './pkcs11-uri.js';
export { TokenError } from './token-error.js';
export { openTokenKey, type TokenSigningKey } from './token-key.js';
export { PIN_ENVIRONMENT_VARIABLE, tokenPin } from './token-pin.js';
