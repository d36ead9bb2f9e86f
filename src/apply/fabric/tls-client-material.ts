// The client side of mutual TLS with an orderer or a peer: what a connection presents, and what a failed handshake
// is explained with (tls-failure.ts).

export interface TlsClientMaterial {
  /** PEM client certificate and key for mutual TLS (the org's TLS client identity). */
  certPem?: string;
  keyPem?: string;
}
