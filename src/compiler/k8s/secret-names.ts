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
