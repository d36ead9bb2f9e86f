// The conformance check's input for a whole network: every managed org's manifests with what `netspec secrets`
// tells it to create, and every host:port the network dials (channel configs, env, connection profiles).
import { buildConnectionProfile } from '../../src/compiler/connection-profile/index.js';
import { emitManifests, externalConfigMaps, requiredSecrets } from '../../src/compiler/k8s/index.js';
import { formatAddress, type NetworkModel } from '../../src/compiler/model/index.js';
import { type ConformanceInput, manifestAddresses, type OrganizationInput } from './k8s-conformance.js';

export function conformanceInputOf(model: NetworkModel): ConformanceInput {
  const emitted = emitManifests(model);
  if (!emitted.value) throw new Error(emitted.diagnostics.map((d) => d.message).join('\n'));
  const organizations: OrganizationInput[] = emitted.value.map((manifests) => {
    const org = model.organizations.find((o) => o.name === manifests.organization)!;
    return {
      manifests,
      secrets: requiredSecrets(model, org),
      externalConfigMaps: externalConfigMaps(model, org),
      ...(org.kubernetes.monitoringNamespace ? { monitoringNamespace: org.kubernetes.monitoringNamespace } : {}),
    };
  });
  const addresses: { address: string; source: string; organization: string }[] = [];
  const managed = new Set(organizations.map((o) => o.manifests.organization));
  for (const channel of model.channels) {
    // Who dials: the consenters' and members' orgs; attribute the address to a managed org in the channel.
    const member = [...channel.members, ...channel.orderer.organizations].find((o) => managed.has(o)) ?? '';
    for (const consenter of channel.orderer.consenters)
      addresses.push({
        address: `${consenter.host}:${consenter.port}`,
        source: `channel ${channel.name}: consenter ${consenter.ref}`,
        organization: member,
      });
    for (const name of channel.orderer.organizations)
      for (const orderer of model.organizations.find((o) => o.name === name)?.orderers ?? [])
        addresses.push({
          address: orderer.clientEndpoint,
          source: `channel ${channel.name}: ${name} orderer endpoint`,
          organization: member,
        });
    for (const anchor of channel.anchorPeers)
      addresses.push({
        address: `${anchor.host}:${anchor.port}`,
        source: `channel ${channel.name}: ${anchor.organization} anchor peer`,
        organization: member,
      });
  }
  // Enodes (static nodes, bootnodes) and Tessera peers: what every Quorum node and Tessera of a network dials.
  for (const network of model.quorum) {
    const member =
      [...network.validators, ...network.members].map((n) => n.organization).find((o) => managed.has(o)) ?? '';
    for (const node of [...network.validators, ...network.members]) {
      addresses.push({
        address: formatAddress(node.address),
        source: `quorum ${network.name}: enode of ${node.name}`,
        organization: member,
      });
      if (network.privacy)
        addresses.push({
          address: formatAddress(node.tessera.address),
          source: `quorum ${network.name}: Tessera of ${node.name}`,
          organization: member,
        });
    }
  }
  addresses.push(...manifestAddresses(organizations));
  for (const org of model.organizations) {
    const built = buildConnectionProfile(model, org.name, { tlsCaCerts: () => [], readPem: () => '' });
    if (!built.ok) continue;
    const { profile } = built;
    for (const [name, entry] of [
      ...Object.entries(profile.peers),
      ...Object.entries(profile.orderers),
      ...Object.entries(profile.certificateAuthorities),
    ])
      addresses.push({
        address: entry.url.replace(/^[a-z]+:\/\//, ''),
        source: `connection profile of ${org.name}: ${name}`,
        organization: managed.has(org.name) ? org.name : '',
      });
  }
  // Nodes netspec does not run (orgs without a kubernetes: placement) are served by their orgs themselves.
  const externalAddresses = model.organizations
    .filter((org) => !managed.has(org.name))
    .flatMap((org) => [
      ...[...org.peers, ...org.orderers].map((node) => `${node.host}:${node.port}`),
      ...org.orderers.map((node) => node.clientEndpoint),
      `${org.ca.host}:${org.ca.port}`,
    ]);
  for (const endpoint of Object.values(model.connection.endpoints))
    if (endpoint.url) externalAddresses.push(endpoint.url.replace(/^[a-z]+:\/\//, ''));
  for (const chaincode of model.chaincodes)
    if (chaincode.server?.address) externalAddresses.push(chaincode.server.address);
  // An org that chose no exposure routes `<node>.<domain>` to its Services itself (the names its certificates and
  // channel configs carry); such a name must still land on the node's Service, on a port its pod exposes.
  const routedNames = model.organizations
    .filter((org) => managed.has(org.name) && (org.kubernetes as { exposure?: unknown }).exposure === undefined)
    .flatMap((org) => {
      const namespace = org.kubernetes.namespace;
      const nodes = [
        ...[...org.peers, ...org.orderers].map((node) => ({
          address: `${node.host}:${node.port}`,
          service: node.name,
        })),
        ...org.orderers.map((node) => ({ address: node.clientEndpoint, service: node.name })),
        ...(org.ca.omitted ? [] : [{ address: `${org.ca.host}:${org.ca.port}`, service: org.ca.name }]),
        // A Quorum node the spec gives a host of its own (no exposure chosen): the org routes that name too.
        ...model.quorum.flatMap((network) =>
          [...network.validators, ...network.members]
            .filter((node) => node.organization === org.name && !node.address.host.endsWith('.svc.cluster.local'))
            .map((node) => ({ address: formatAddress(node.address), service: node.serviceName })),
        ),
      ];
      return nodes.map((node) => ({ ...node, namespace }));
    });
  return { organizations, specDir: model.specDir, addresses, externalAddresses, routedNames };
}
