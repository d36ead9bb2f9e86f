// The chaincode-as-a-service package an org installs on its peers for a chaincode with a `server`. The two files
// are taken from the Kubernetes emitter's ConfigMap for the chaincode (cc-<channel>-<name> in the org's
// namespace), so the package and the server it points at never disagree. The package id is the same on every
// run and every machine; it differs between orgs only because the default address names each org's own namespace
// (a `server.address` in the spec gives every org the same package). Fabric keeps the package id per org (it is
// not part of the definition the orgs agree on), so that is expected.
import { type CcaasPackage, ccaasPackageOf } from '../../compiler/fabric/package/ccaas-package.js';
import { chaincodeObjects } from '../../compiler/k8s/fabric-views.js';
import { organizationScope } from '../../compiler/k8s/organization-scope.js';
import type { ChaincodeModel, NetworkModel } from '../../compiler/model/network-model.js';

export type { CcaasPackage };

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
  return ccaasPackageOf(metadataJson, connectionJson);
}
