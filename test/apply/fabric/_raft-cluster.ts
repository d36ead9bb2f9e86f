// The test orderer's Raft cluster, modelled apart from netspec's code (nothing from src/compiler/plan or
// src/governance): which consenters can take part, and the etcdraft chain's own check of a config update.
//  - A consenter takes part when the certificate it presents is the one the channel config names for it (client
//    and server), and that certificate was issued by a TLS root of the config's orderer organizations: the others
//    authenticate cluster connections by exactly that (orderer/common/cluster/comm.go, the consenter's certificate
//    must match; the etcdraft chain verifies consenter certificates against the orderer orgs' TLS CAs).
//  - The cluster serves while a majority of the config's consenters take part: with fewer there is no leader, and
//    Broadcast answers SERVICE_UNAVAILABLE "no Raft leader" (orderer/consensus/etcdraft/chain.go).
//  - A config update may change one consenter: a new certificate counts as one node removed and one added, and
//    more than one such change is refused (orderer/consensus/etcdraft/membership.go, ComputeMembershipChanges).
import { X509Certificate } from 'node:crypto';
import type { ConfigJson } from '../../../src/compiler/fabric/index.js';

interface Consenter {
  host: string;
  port: number;
  client_tls_cert: string;
  server_tls_cert: string;
}

export function consentersOf(config: ConfigJson): Consenter[] {
  const consensus = config.channel_group.groups.Orderer?.values.ConsensusType?.value as
    | { type?: string; metadata?: { consenters?: Consenter[] } }
    | undefined;
  return consensus?.type === 'etcdraft' ? (consensus.metadata?.consenters ?? []) : [];
}

/** The consenters that can take part, given the certificate each node presents (`host:port` → PEM). */
export function participating(config: ConfigJson, presented: ReadonlyMap<string, string>): string[] {
  const roots = ordererTlsRoots(config);
  return consentersOf(config)
    .filter((c) => {
      const pem = presented.get(`${c.host}:${c.port}`);
      if (!pem) return false;
      const named = Buffer.from(c.client_tls_cert, 'base64').toString('utf8');
      if (
        named.trim() !== pem.trim() ||
        Buffer.from(c.server_tls_cert, 'base64').toString('utf8').trim() !== pem.trim()
      )
        return false;
      const certificate = new X509Certificate(pem);
      return roots.some((root) => certificate.checkIssued(root) && certificate.verify(root.publicKey));
    })
    .map((c) => `${c.host}:${c.port}`);
}

/** Undefined while a majority of the consenters take part; else the orderer's answer. */
export function noLeader(config: ConfigJson, presented: ReadonlyMap<string, string>): string | undefined {
  const total = consentersOf(config).length;
  if (total === 0) return undefined;
  const up = participating(config, presented).length;
  return up > total / 2 ? undefined : 'no Raft leader';
}

/** The etcdraft chain's refusal of an update changing more than one consenter, or undefined. */
export function membershipProblem(before: ConfigJson, after: ConfigJson): string | undefined {
  const key = (c: Consenter) => `${c.host}:${c.port}:${c.client_tls_cert}:${c.server_tls_cert}`;
  const old = new Set(consentersOf(before).map(key));
  const now = new Set(consentersOf(after).map(key));
  const added = [...now].filter((k) => !old.has(k)).length;
  const removed = [...old].filter((k) => !now.has(k)).length;
  if (added <= 1 && removed <= 1) return undefined;
  return `update of more than one consenter at a time is not supported, requested changes: add ${added} node(s), remove ${removed} node(s)`;
}

function ordererTlsRoots(config: ConfigJson): X509Certificate[] {
  const roots: X509Certificate[] = [];
  for (const org of Object.values(config.channel_group.groups.Orderer?.groups ?? {})) {
    const msp = (org.values.MSP?.value as { config?: { tls_root_certs?: string[] } } | undefined)?.config;
    for (const root of msp?.tls_root_certs ?? []) roots.push(new X509Certificate(Buffer.from(root, 'base64')));
  }
  return roots;
}
