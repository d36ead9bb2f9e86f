// The chaincode-as-a-service package an org installs on its peers for a chaincode with a `server`: what Fabric's
// ccaas external builder expects, a tar.gz of `metadata.json` ({type: "ccaas", label}) and `code.tar.gz` (holding
// `connection.json`: where the peer dials the chaincode server). The two files are taken from the Kubernetes
// emitter's ConfigMap for the chaincode (cc-<channel>-<name> in the org's namespace), so the package and the
// server it points at never disagree. The bytes are deterministic (deterministic-tar-gzip.ts): the package id
// `<label>:<sha256 hex>` is the same on every run and every machine. It differs between orgs only because the
// address names each org's own namespace; Fabric keeps the package id per org (it is not part of the definition
// the orgs agree on), so that is expected.
import { createHash } from 'node:crypto';
import { chaincodeObjects } from '../../compiler/k8s/fabric-views.js';
import { organizationScope } from '../../compiler/k8s/organization-scope.js';
import type { ChaincodeModel, NetworkModel } from '../../compiler/model/network-model.js';
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

/** The org's package for the chaincode, or undefined when the chaincode has no server the org runs. */
export function ccaasPackage(
  model: NetworkModel,
  organization: string,
  chaincode: ChaincodeModel,
): CcaasPackage | undefined {
  const org = model.organizations.find((o) => o.name === organization);
  if (!org || !chaincode.server) return undefined;
  const index = model.chaincodes.indexOf(chaincode);
  const configMap = chaincodeObjects(organizationScope(model, org)).find(
    (object) => object.template === 'config-map' && object.origin[1] === index,
  );
  const data = configMap?.view.data as Record<string, string> | undefined;
  const metadataJson = data?.['metadata.json'];
  const connectionJson = data?.['connection.json'];
  if (!metadataJson || !connectionJson) return undefined;
  const text = (value: string) => new TextEncoder().encode(value);
  const code = tarGzip([{ name: 'connection.json', bytes: text(connectionJson) }]);
  const bytes = tarGzip([
    { name: 'code.tar.gz', bytes: code },
    { name: 'metadata.json', bytes: text(metadataJson) },
  ]);
  const label = (JSON.parse(metadataJson) as { label: string }).label;
  const digest = createHash('sha256').update(bytes).digest('hex');
  return { label, packageId: `${label}:${digest}`, bytes, metadataJson, connectionJson };
}
