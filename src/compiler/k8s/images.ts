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
