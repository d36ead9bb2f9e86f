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
  QuorumNetworkModel,
  QuorumNodeModel,
} from './network-model.js';
export { normalize } from './normalize.js';
export type { NetworkSpec } from './spec.js';
export { formatDuration, parseDuration, parseSize } from './units.js';
