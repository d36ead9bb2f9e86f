// The supply-chain example as the story needs it. `liveSpec` is the example rolled back to what its committed
// live state (networks/supply-chain/state) runs — retailer not yet in `distribution`, `production` batching 100
// messages, the previous chaincode definitions — so main starts with nothing to plan. `proposedSpec` is the PR:
// the retailer joins `distribution`, product-registry moves to 1.2 (sequence 2). Each edit must hit exactly once,
// so a change to the example fails here loudly rather than turning the story into something else.

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`the supply-chain example changed: expected exactly one '${from.trim()}'`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function liveSpec(example: string): string {
  const edits: [string, string][] = [
    ['maxMessageCount: 500', 'maxMessageCount: 100'],
    ['members: [manufacturer, distributor, retailer]', 'members: [manufacturer, distributor]'],
    [`        Endorsement: "OutOf(2, 'ManufacturerMSP.peer', 'DistributorMSP.peer', 'RetailerMSP.peer')"\n`, ''],
    ['    acls:\n      qscc/GetBlockByNumber: /Channel/Application/Writers\n', ''],
    ['version: "1.2"\n    sequence: 2', 'version: "1.1"\n    sequence: 1'],
    ['product-registry:1.2', 'product-registry:1.1'],
    ['version: "2.0"\n    sequence: 3', 'version: "1.9"\n    sequence: 2'],
    ['shipment-tracking:2.0', 'shipment-tracking:1.9'],
  ];
  return edits.reduce((text, [from, to]) => replaceOnce(text, from, to), example);
}

export function proposedSpec(live: string): string {
  const edits: [string, string][] = [
    [
      '  distribution:\n    members: [manufacturer, distributor]',
      '  distribution:\n    members: [manufacturer, distributor, retailer]',
    ],
    ['version: "1.1"\n    sequence: 1', 'version: "1.2"\n    sequence: 2'],
    ['product-registry:1.1', 'product-registry:1.2'],
  ];
  return edits.reduce((text, [from, to]) => replaceOnce(text, from, to), live);
}
