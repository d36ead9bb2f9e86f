// Model stage: the validated spec with Fabric 2.5 defaults filled in and references resolved.
// Every later stage (fabric, quorum, k8s, plan) reads only this model.

export type {
  ChaincodeModel,
  ChannelModel,
  CollectionModel,
  NetworkModel,
  OrdererModel,
  OrganizationModel,
  PeerModel,
  QuorumAccountModel,
  QuorumNetworkModel,
  QuorumNodeModel,
  QuorumTransitionModel,
} from './network-model.js';
export type {
  AddressingNode,
  AddressingOrganization,
  ExposureModel,
  GatewayRouteModel,
  NodeAddress,
} from './node-address.js';
export {
  clusterServiceHost,
  clusterServiceHosts,
  DEFAULT_GATEWAY_PORT,
  exposedAddress,
  formatAddress,
  nodeAddress,
  parseAddress,
} from './node-address.js';
export { addressingOf, normalize, quorumServiceName } from './normalize.js';
export type { NetworkSpec } from './spec.js';
export { formatDuration, parseDuration, parseSize } from './units.js';
