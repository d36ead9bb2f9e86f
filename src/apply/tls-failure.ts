// The one reading of a failed TLS handshake, for every client netspec runs (orderer and peer gRPC, the orderer's
// admin API, Fabric CA): which side refused, and why. Each caller words the fix for what it talks to. Node reports
// one failure in three places depending on the client (OpenSSL's code in `error.code`, grpc-js's `details` text, or
// only the message), so all three are read.

/**
 * `client-refused`: the server did not take our client certificate (or wanted one and got none);
 * `expired`, `wrong-name`, `untrusted`: we refused the server's certificate, for that reason.
 */
export type TlsFailureKind = 'client-refused' | 'expired' | 'wrong-name' | 'untrusted';

/**
 * In the order they are tried: a server's alert first (its words may mention a certificate too). The alerts are
 * OpenSSL's (alert 42 "bad certificate" is what an orderer's admin API sends a client of another TLS CA,
 * fabric-live/admin-api-tls/); a server that drops the connection instead of sending one (Node's own TLS servers do
 * so) counts as a refusal. The rest are OpenSSL's X509_V_ERR names as Node gives them, and their message texts.
 */
const KINDS: readonly (readonly [TlsFailureKind, RegExp])[] = [
  [
    'client-refused',
    /alert bad certificate|alert certificate required|alert unknown ca|alert handshake failure|ALERT_BAD_CERTIFICATE|ALERT_CERTIFICATE_REQUIRED|ALERT_UNKNOWN_CA|socket disconnected before secure TLS connection was established/i,
  ],
  ['expired', /CERT_HAS_EXPIRED|certificate has expired|CERT_NOT_YET_VALID/i],
  ['wrong-name', /ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match|does not match certificate's altnames/i],
  [
    'untrusted',
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT|\bCERT_SIGNATURE_FAILURE\b|\bCERT_UNTRUSTED\b|\bCERT_REJECTED\b|\bINVALID_CA\b|unable to verify the first certificate|self[- ]signed certificate|certificate verify failed/i,
  ],
];

/** What kind of TLS failure `error` is, or undefined when it is not one (a refused connection, a timeout, ...). */
export function classifyTlsFailure(error: unknown): TlsFailureKind | undefined {
  const text = `${(error as { code?: string } | undefined)?.code ?? ''} ${
    (error as { details?: string } | undefined)?.details ?? ''
  } ${error instanceof Error ? error.message : String(error)}`;
  return KINDS.find(([, pattern]) => pattern.test(text))?.[0];
}

/** We refused the server's certificate (as opposed to the server refusing ours). */
export function isServerCertificateRefused(kind: TlsFailureKind | undefined): boolean {
  return kind === 'expired' || kind === 'wrong-name' || kind === 'untrusted';
}
