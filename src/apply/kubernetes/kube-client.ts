// A Kubernetes client for one organization's cluster: kubeconfig from KUBECONFIG or the default locations,
// the context the spec names for the org (never silently the current one when the spec names another).
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { BundleError } from './read-bundle.js';

/**
 * KubernetesObjectApi serializes a known kind through its generated model, which expects the model's own
 * property names (`_from` for NetworkPolicy's `from`) and silently drops the wire names it does not know:
 * a reviewed `from:` restriction would vanish and open the port to everyone. Our objects are already in wire
 * form, so they are sent as generic objects, byte for byte as reviewed (the apply test asserts the bodies).
 */
class WireObjectApi extends KubernetesObjectApi {
  protected override async getSerializationType(): Promise<string> {
    return 'KubernetesObject';
  }
}

export function connect(context: string | undefined): { api: KubernetesObjectApi; context: string } {
  const config = new KubeConfig();
  config.loadFromDefault();
  if (context) {
    if (!config.getContextObject(context)) {
      const known = config.getContexts().map((c) => c.name);
      throw new BundleError(
        `kubeconfig has no context '${context}' (the spec's kubernetes.context); contexts: ${known.join(', ') || 'none'}`,
      );
    }
    config.setCurrentContext(context);
  }
  return { api: config.makeApiClient(WireObjectApi), context: config.getCurrentContext() };
}
