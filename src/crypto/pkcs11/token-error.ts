// A key on a PKCS#11 token that cannot be used (a wrong URI, PIN, module or object, or a token that fails while
// signing): the user's to fix, so the CLI prints its message as one line and exits 1. It never holds a PIN.
export class TokenError extends Error {
  override readonly name = 'TokenError';
}
