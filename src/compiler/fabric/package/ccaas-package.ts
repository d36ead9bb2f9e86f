// The chaincode-as-a-service package of one organization's chaincode server: what Fabric's ccaas external builder
// expects, a tar.gz of `metadata.json` ({type: "ccaas", label}) and `code.tar.gz` (holding `connection.json`:
// where the peer dials the chaincode server). The bytes are deterministic (deterministic-tar-gzip.ts), so the
// package id `<label>:<sha256 hex>` is known at plan time: the Kubernetes manifests hand it to the chaincode
// server, and `apply` installs exactly these bytes on the org's peers.

import { sha256Hex } from '../../../bytes.js';
import { tarGzip } from './deterministic-tar-gzip.js';

export interface CcaasPackage {
  /** `<name>_<version>`, as metadata.json says. */
  label: string;
  /** `<label>:<sha256 hex of bytes>`: what `peer lifecycle chaincode calculatepackageid` prints. */
  packageId: string;
  /** The package (.tar.gz). */
  bytes: Uint8Array;
  /** The two text files as packaged. */
  metadataJson: string;
  connectionJson: string;
}

/**
 * connection.json of Fabric's ccaas builder (ccaas_builder/cmd/build reads `address`, `dial_timeout`,
 * `tls_required`): where the peer dials the chaincode server. Its bytes are part of the package id.
 */
export function ccaasConnectionJson(address: string): string {
  return `${JSON.stringify({ address, dial_timeout: '10s', tls_required: false }, null, 2)}\n`;
}

/** metadata.json of a ccaas package: the builder's type and the label `<name>_<version>`. */
export function ccaasMetadataJson(name: string, version: string): string {
  return `${JSON.stringify({ type: 'ccaas', label: `${name}_${version}` }, null, 2)}\n`;
}

export function ccaasPackageOf(metadataJson: string, connectionJson: string): CcaasPackage {
  const text = (value: string) => new TextEncoder().encode(value);
  const code = tarGzip([{ name: 'connection.json', bytes: text(connectionJson) }]);
  const bytes = tarGzip([
    { name: 'code.tar.gz', bytes: code },
    { name: 'metadata.json', bytes: text(metadataJson) },
  ]);
  const label = (JSON.parse(metadataJson) as { label: string }).label;
  const digest = sha256Hex(bytes);
  return { label, packageId: `${label}:${digest}`, bytes, metadataJson, connectionJson };
}
