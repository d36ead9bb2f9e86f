// An MSP's old CA root is removed only once nothing uses it any more. Fabric checks a consenter's TLS certificate
// against the orderer organizations' TLS roots, every signature against the signer's MSP roots, and each node's
// TLS handshake against its organization's TLS roots: removing a root while a consenter, an admin or a node still
// holds a certificate it issued shuts that party out (a consenter out of its cluster, an admin out of governance).
// A rotation adds the new root first, moves every certificate to it, and removes the old root last.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSignedBy } from '../../../crypto/certificate-facts.js';
import { adminCertificatePath, identityDirectory } from '../../../crypto/msp-layout.js';
import { parsedCertificateOrUndefined as parse } from '../../../crypto/parsed-certificates.js';
import type { ConsenterJson } from '../../fabric/config/bft-block-validation.js';
import type { ConfigJson } from '../../fabric/index.js';
import type { NetworkModel } from '../../model/network-model.js';
import type { DataPath } from '../../parse/index.js';
import { bftConsenters, mspsOf, type RootList, raftConsenters, rootsOf } from '../stages/_config-parts.js';
import { type Guard, updatedChannels } from './guard-context.js';

/** A certificate something still presents or is known by, and where the spec names it. */
interface InUse {
  what: string;
  pem: string;
  at: DataPath;
}

const TLS_LISTS: readonly RootList[] = ['tls_root_certs', 'tls_intermediate_certs'];
const IDENTITY_LISTS: readonly RootList[] = ['root_certs', 'intermediate_certs'];

export const rootInUse: Guard = (ctx) => {
  for (const channel of updatedChannels(ctx)) {
    const name = channel.plan.channel;
    const after = mspsOf(channel.desiredConfig);
    for (const [key, before] of mspsOf(channel.liveConfig)) {
      const now = after.get(key);
      if (!now) continue;
      const mspId = String(now.config.name ?? key);
      for (const [lists, kind] of [
        [TLS_LISTS, 'tls'],
        [IDENTITY_LISTS, 'identity'],
      ] as const) {
        const kept = new Set(lists.flatMap((list) => rootsOf(now.config, list)));
        const removed = lists.flatMap((list) => rootsOf(before.config, list)).filter((cert) => !kept.has(cert));
        if (removed.length === 0) continue;
        const users = certificatesInUse(
          ctx.model,
          channel.plan.channel,
          channel.desiredConfig,
          mspId,
          kind,
          now.config,
        );
        for (const root of removed) {
          const issuer = parse(Buffer.from(root, 'base64').toString('utf8'));
          if (!issuer) continue;
          const issued = users.filter((user) => {
            const certificate = parse(user.pem);
            return certificate !== undefined && isSignedBy(certificate, issuer);
          });
          if (issued.length === 0) continue;
          ctx.report(name, {
            code: 'NS_GUARD_ROOT_IN_USE',
            message: `channel '${name}' removes the ${kind === 'tls' ? 'TLS ' : ''}CA root '${issuer.subject}' from ${mspId} while ${issued.map((u) => u.what).join(', ')} still ${issued.length === 1 ? 'holds a certificate' : 'hold certificates'} it issued; remove an old root only after every certificate it issued has moved to the new one`,
            hint: 'keep the old root beside the new one until the consenters, admins and nodes present certificates from the new CA',
            at: issued.map((u) => u.at),
          });
        }
      }
    }
  }
};

/** TLS or identity certificates of one MSP's parties: consenters in the config, its admins, its nodes' files. */
function certificatesInUse(
  model: NetworkModel,
  channel: string,
  config: ConfigJson,
  mspId: string,
  kind: 'tls' | 'identity',
  msp: Record<string, unknown>,
): InUse[] {
  const found: InUse[] = [];
  const channelSpec = model.channels.find((c) => c.name === channel);
  const consenterAt = (host: string, port: number): DataPath => {
    const index = channelSpec?.orderer.consenters.findIndex((c) => c.host === host && c.port === port) ?? -1;
    return index >= 0 ? ['channels', channel, 'orderer', 'consenters', index] : ['channels', channel];
  };
  const base64Pem = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');
  if (kind === 'tls') {
    // Raft consenters carry no MSP id: a certificate issued by the removed root is in use whoever holds it.
    for (const c of raftConsenters(config))
      for (const cert of new Set([c.server_tls_cert, c.client_tls_cert]))
        found.push({ what: `consenter ${c.host}:${c.port}`, pem: base64Pem(cert), at: consenterAt(c.host, c.port) });
  }
  for (const c of bftConsenters(config).filter((c: ConsenterJson) => c.msp_id === mspId)) {
    const certs = kind === 'tls' ? [c.server_tls_cert, c.client_tls_cert] : [c.identity];
    for (const cert of new Set(certs))
      found.push({
        what: `consenter ${c.id} (${c.host}:${c.port})`,
        pem: base64Pem(cert),
        at: consenterAt(c.host, c.port),
      });
  }
  const organization = model.organizations.find((o) => o.mspId === mspId);
  if (kind === 'identity')
    for (const admin of (msp.admins as string[] | undefined) ?? [])
      found.push({
        what: `an admin certificate of ${mspId}`,
        pem: base64Pem(admin),
        at: ['organizations', organization?.name ?? mspId, 'msp'],
      });
  if (!organization) return found;
  const files: { what: string; file: string; at: DataPath }[] = [];
  organization.orderers.forEach((orderer, index) => {
    const at = ['organizations', organization.name, 'orderers', index];
    const what = `orderer ${orderer.host}`;
    if (kind === 'tls') files.push({ what, file: orderer.tlsCert, at }, { what, file: orderer.clientTlsCert, at });
    else if (orderer.identityCert) files.push({ what, file: orderer.identityCert, at });
  });
  // Peers and the admin user have no certificate path in the spec: netspec crypto's layout names their files.
  const folder = join(model.specDir, 'crypto', organization.name);
  organization.peers.forEach((peer, index) => {
    const at = ['organizations', organization.name, 'peers', index];
    const dir = join(folder, identityDirectory('peer', peer.host));
    const file =
      kind === 'tls' ? join(dir, 'tls', 'server.crt') : join(dir, 'msp', 'signcerts', `${peer.host}-cert.pem`);
    files.push({ what: `peer ${peer.host}`, file, at });
  });
  if (kind === 'identity')
    files.push({
      what: `the admin of ${mspId}`,
      file: join(folder, adminCertificatePath(organization.domain)),
      at: ['organizations', organization.name, 'msp'],
    });
  for (const { what, file, at } of files) {
    if (!existsSync(file)) continue;
    found.push({ what, pem: readFileSync(file, 'utf8'), at });
  }
  return found;
}
