// Container images, pinned to released tags: a manifest that says `latest` changes under the consortium's feet.
// Upgrading a component is a reviewed one-line change here (and a snapshot update).
export const IMAGES = {
  fabricPeer: 'hyperledger/fabric-peer:2.5.9',
  fabricOrderer: 'hyperledger/fabric-orderer:2.5.9',
  fabricCa: 'hyperledger/fabric-ca:1.5.12',
  couchdb: 'couchdb:3.3.3',
  besu: 'hyperledger/besu:24.12.2',
  goquorum: 'quorumengineering/quorum:24.4',
  tessera: 'quorumengineering/tessera:24.4',
} as const;

/**
 * Peer and orderer images by the spec's fabricVersion: the nodes must run the release the spec says they run
 * (BFT ordering and the V3_0 capability need Fabric 3 on every node).
 */
export const FABRIC_NODE_IMAGES = {
  '2.5': { peer: IMAGES.fabricPeer, orderer: IMAGES.fabricOrderer },
  '3.0': { peer: 'hyperledger/fabric-peer:3.0.0', orderer: 'hyperledger/fabric-orderer:3.0.0' },
  '3.1': { peer: 'hyperledger/fabric-peer:3.1.5', orderer: 'hyperledger/fabric-orderer:3.1.5' },
} as const;
