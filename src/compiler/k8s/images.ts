// Container images: the org's choice per node kind (the spec's `kubernetes.images`), else released versions pinned
// here. A manifest that says `latest` changes under the consortium's feet, so upgrading a default is a reviewed
// one-line change (and a snapshot update). Defaults are the newest releases as of writing: Fabric v2.5.16 and
// v3.1.5 (hyperledger/fabric tags), fabric-ca v1.5.21 (hyperledger/fabric-ca tags), Besu 26.2.0
// (hyperledger/besu tags); the images are published under those versions without the leading 'v'.
import type { ImageKind, ImageModel } from '../model/network-model.js';
import type { OrganizationScope } from './organization-scope.js';

interface DefaultImage {
  repository: string;
  tag: string;
}

const DEFAULT_IMAGES: Record<Exclude<ImageKind, 'peer' | 'orderer'>, DefaultImage> = {
  ca: { repository: 'hyperledger/fabric-ca', tag: '1.5.21' },
  couchdb: { repository: 'couchdb', tag: '3.3.3' },
  besu: { repository: 'hyperledger/besu', tag: '26.2.0' },
  goquorum: { repository: 'quorumengineering/quorum', tag: '24.4' },
  tessera: { repository: 'quorumengineering/tessera', tag: '24.4' },
};

/**
 * Peer and orderer tags by the spec's fabricVersion: the nodes must run the release the spec says they run (BFT
 * ordering and the V3_0 capability need Fabric 3 on every node).
 */
const FABRIC_TAGS = { '2.5': '2.5.16', '3.0': '3.0.0', '3.1': '3.1.5' } as const;

function defaultImage(scope: OrganizationScope, kind: ImageKind): DefaultImage {
  if (kind === 'peer' || kind === 'orderer')
    return { repository: `hyperledger/fabric-${kind}`, tag: FABRIC_TAGS[scope.model.fabricVersion] };
  return DEFAULT_IMAGES[kind];
}

/** `[registry/]repository` then `@digest` (immutable, preferred) or `:tag`. */
export function imageOf(scope: OrganizationScope, kind: ImageKind): string {
  const images = scope.org.kubernetes.images;
  const chosen: ImageModel = images.byKind[kind] ?? {};
  const fallback = defaultImage(scope, kind);
  const repository = chosen.repository ?? fallback.repository;
  const registry = chosen.registry ?? images.registry;
  const name = registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
  if (chosen.digest) return `${name}@${chosen.digest}`;
  return `${name}:${chosen.tag ?? fallback.tag}`;
}

/** The pod's imagePullSecrets, or null (the template then leaves the field out). */
export function imagePullSecretsOf(scope: OrganizationScope): { name: string }[] | null {
  const secrets = scope.org.kubernetes.images.pullSecrets;
  return secrets.length > 0 ? secrets.map((name) => ({ name })) : null;
}
