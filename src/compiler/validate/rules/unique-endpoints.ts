// No two listeners share a host:port: peers, orderers (and their admin and operations ports), CAs and
// Quorum nodes. Two services behind one address means one of them never gets its traffic, and TLS
// hostname checks fail in ways that are hard to trace back to the spec.
// Defaults mirror the model's: host `<name>.<domain>` (`ca.<domain>` for the CA; a Quorum node's Service
// `<name>.<namespace>.svc.cluster.local`), peer 7051, orderer 7050, CA 7054, Quorum p2p 30303 and RPC 8545;
// admin and operations ports count only when written.

import type { DataPath } from '../../parse/index.js';
import type { Rule } from '../rule-context.js';
import { entriesOf, fieldsInWrittenOrder, forEachDuplicate, listOf } from './_spec-walk.js';

export const DEFAULT_PORTS = { peer: 7051, orderer: 7050, ca: 7054, quorumP2p: 30303, quorumRpc: 8545 } as const;

interface Listener {
  key: string;
  path: DataPath;
  what: string;
}

export const uniqueEndpoints: Rule = (ctx) => {
  const listeners: Listener[] = [];
  const add = (host: string, port: number | undefined, what: string, path: DataPath): void => {
    if (port === undefined) return;
    // DNS names are case-insensitive.
    listeners.push({ key: `${host.toLowerCase()}:${port}`, path, what });
  };
  const organizations = ctx.spec.organizations;

  for (const [org, spec] of entriesOf(organizations)) {
    if (!spec) continue;
    const base: DataPath = ['organizations', org];
    // In written order, so the finding lands on the later of two listeners.
    for (const field of fieldsInWrittenOrder(spec, ['peers', 'orderers', 'ca'] as const)) {
      if (field === 'ca') {
        const ca = spec.ca;
        if (!ca) continue;
        const where = ca.port !== undefined ? ['port'] : ca.host !== undefined ? ['host'] : [];
        add(ca.host ?? `ca.${spec.domain}`, ca.port ?? DEFAULT_PORTS.ca, `CA of '${org}'`, [...base, 'ca', ...where]);
        continue;
      }
      listOf(spec[field]).forEach((node, index) => {
        if (!node) return;
        const path = [...base, field, index];
        const host = node.host ?? `${node.name}.${spec.domain}`;
        const label = `${field === 'peers' ? 'peer' : 'orderer'} '${org}/${node.name}'`;
        const defaultPort = field === 'peers' ? DEFAULT_PORTS.peer : DEFAULT_PORTS.orderer;
        // Point at what the user wrote: the port if given, else the host, else the node's name.
        const where = node.port !== undefined ? 'port' : node.host !== undefined ? 'host' : 'name';
        add(host, node.port ?? defaultPort, label, [...path, where]);
        add(host, node.operationsPort, `${label} (operations)`, [...path, 'operationsPort']);
        if (field === 'orderers') {
          add(host, (node as { adminPort?: number }).adminPort, `${label} (admin)`, [...path, 'adminPort']);
        }
      });
    }
  }

  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    for (const field of fieldsInWrittenOrder(spec, ['validators', 'members'] as const)) {
      listOf(spec?.[field]).forEach((node, index) => {
        if (!node) return;
        const path = ['quorum', network, field, index];
        // As the model resolves it: the node's Kubernetes Service in its organization's namespace.
        const namespace = organizations?.[node.organization]?.kubernetes?.namespace ?? node.organization;
        const host = node.host ?? `${node.name}.${namespace}.svc.cluster.local`;
        const label = `quorum node '${network}/${node.name}'`;
        const fallback = node.host !== undefined ? 'host' : 'name';
        add(host, node.p2pPort ?? DEFAULT_PORTS.quorumP2p, `${label} (p2p)`, [
          ...path,
          node.p2pPort !== undefined ? 'p2pPort' : fallback,
        ]);
        add(host, node.rpcPort ?? DEFAULT_PORTS.quorumRpc, `${label} (rpc)`, [
          ...path,
          node.rpcPort !== undefined ? 'rpcPort' : fallback,
        ]);
      });
    }
  }

  forEachDuplicate(listeners, (duplicate, first) => {
    ctx.report({
      code: 'NS_DUPLICATE_ENDPOINT',
      message: `${duplicate.what} listens on ${duplicate.key}, already used by ${first.what}`,
      hint: 'give one of them another port, or its own host',
      at: [duplicate.path, first.path],
    });
  });
};
