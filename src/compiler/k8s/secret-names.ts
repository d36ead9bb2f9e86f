// The names of the Secrets the emitted pods mount. The manifests and `netspec secrets` both read them from
// here, so the list an org is told to create is exactly the list its pods need.
export const SECRET_NAMES = {
  caSigning: (ca: string) => `${ca}-ca`,
  caTls: (ca: string) => `${ca}-tls`,
  caBootstrap: (ca: string) => `${ca}-bootstrap`,
  nodeMsp: (node: string) => `${node}-msp`,
  nodeTls: (node: string) => `${node}-tls`,
  couchdb: (peer: string) => `${peer}-couchdb`,
  quorumNodeKey: (node: string) => `${node}-nodekey`,
  tesseraKeys: (node: string) => `${node}-tessera-keys`,
} as const;

/**
 * How a Fabric node's MSP Secret maps onto an MSP folder: a Secret is flat, an MSP is a tree. `config.yaml`
 * (NodeOUs) is left out when the org turns NodeOUs off.
 */
export function mspItems(withNodeOUs: boolean): { key: string; path: string }[] {
  return [
    { key: 'signcert.pem', path: 'signcerts/cert.pem' },
    { key: 'key.pem', path: 'keystore/key.pem' },
    { key: 'cacert.pem', path: 'cacerts/ca.pem' },
    { key: 'tlscacert.pem', path: 'tlscacerts/tlsca.pem' },
    ...(withNodeOUs ? [{ key: 'config.yaml', path: 'config.yaml' }] : []),
  ];
}
