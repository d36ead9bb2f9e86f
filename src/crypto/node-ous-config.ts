// msp/config.yaml with NodeOUs on, byte for byte what cryptogen writes: Fabric classifies an identity as
// client, peer, admin or orderer by the OU its certificate carries, if the certificate was issued by this CA.
import type { NodeOU } from './msp-layout.js';

const IDENTIFIERS: readonly [string, NodeOU][] = [
  ['ClientOUIdentifier', 'client'],
  ['PeerOUIdentifier', 'peer'],
  ['AdminOUIdentifier', 'admin'],
  ['OrdererOUIdentifier', 'orderer'],
];

/** @param caCertFileName the CA certificate's file name inside `cacerts/`. */
export function nodeOUsConfigYaml(caCertFileName: string): string {
  const lines = ['NodeOUs:', '  Enable: true'];
  for (const [key, ou] of IDENTIFIERS) {
    lines.push(`  ${key}:`, `    Certificate: cacerts/${caCertFileName}`, `    OrganizationalUnitIdentifier: ${ou}`);
  }
  return `${lines.join('\n')}\n`;
}
