// Every certificate the spec names exists and parses as X.509, every admin identity chains to one of its
// organization's CAs, and with NodeOUs on the admin identity carries the admin OU. Fabric reads these files into
// the channel config and checks admin signatures against them: a wrong file yields a channel nobody can govern.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// The certificate readers, not src/crypto/index.ts: validation must not load the generator's X.509 library.
import { chainsTo, organizationalUnits } from '../../../crypto/certificate-facts.js';
import { type CertificateLoad, loadCertificate } from '../../../crypto/load-certificate.js';
import { readMspConfigYaml } from '../../../crypto/node-ous-config.js';
import type { Certificate } from '../../../crypto/read-certificate.js';
import type { MspSpec, OrganizationSpec } from '../../model/spec.js';
import type { DataPath } from '../../parse/index.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { readMspFolder } from './_msp-folder.js';
import { entriesOf, listOf } from './_spec-walk.js';

const DEFAULT_ADMIN_OU = 'admin';
const CRYPTO_HINT = 'run `netspec crypto <network.yaml>` for development material, or point the spec at your CA files';

export const certificatesValid: Rule = (ctx) => {
  // Consortia often share CA material between orgs' specs (and every org reads its own MSP folder several
  // times): parse each file once per run.
  const cache = new Map<string, CertificateLoad>();
  const cachedLoad = (file: string): CertificateLoad => {
    const cached = cache.get(file);
    if (cached) return cached;
    const result = loadCertificate(file);
    cache.set(file, result);
    return result;
  };
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    if (!spec || typeof spec.msp !== 'object' || spec.msp === null) continue;
    checkOrganization(ctx, org, spec, cachedLoad);
  }
};

interface Loaded {
  certificate: Certificate;
  /** The file as the spec (or the MSP folder) names it, for messages. */
  name: string;
  at: DataPath;
}

function checkOrganization(
  ctx: RuleContext,
  org: string,
  spec: OrganizationSpec,
  readCertificate: (file: string) => CertificateLoad,
): void {
  const msp: MspSpec = spec.msp;
  const base: DataPath = ['organizations', org, 'msp'];
  let failed = false;
  const load = (file: string, at: DataPath): Loaded | undefined => {
    const result = readCertificate(resolve(ctx.baseDir, file));
    if (result.ok) return { certificate: result.certificate, name: file, at };
    failed = true;
    ctx.report({
      code: result.reason === 'missing' ? 'NS_CERT_MISSING' : 'NS_CERT_INVALID',
      message:
        result.reason === 'missing'
          ? `certificate '${file}' of organization '${org}' does not exist`
          : `certificate '${file}' of organization '${org}' is not a PEM X.509 certificate`,
      hint: result.reason === 'missing' ? CRYPTO_HINT : 'the file must hold a -----BEGIN CERTIFICATE----- block',
      at,
    });
    return undefined;
  };
  const loadList = (field: keyof MspSpec): Loaded[] =>
    listOf(msp[field] as string[] | undefined).flatMap((file, index) =>
      typeof file === 'string' ? (load(file, [...base, field, index]) ?? []) : [],
    );

  const roots: Loaded[] = [];
  const intermediates: Loaded[] = [];
  const admins: Loaded[] = [];
  if (typeof msp.directory === 'string') {
    const at: DataPath = [...base, 'directory'];
    const folder = readMspFolder(ctx.baseDir, msp.directory);
    if (folder === undefined) {
      failed = true;
      ctx.report({
        code: 'NS_CERT_MISSING',
        message: `MSP folder '${msp.directory}' of organization '${org}' does not exist`,
        hint: CRYPTO_HINT,
        at,
      });
    } else {
      for (const required of ['cacerts', 'tlscacerts'] as const) {
        if (folder[required].length > 0) continue;
        failed = true;
        ctx.report({
          code: 'NS_CERT_MISSING',
          message: `MSP folder '${msp.directory}' of organization '${org}' has no certificate in ${required}/`,
          hint: CRYPTO_HINT,
          at,
        });
      }
      const loadAll = (files: string[]) => files.flatMap((file) => load(`${msp.directory}/${file}`, at) ?? []);
      roots.push(...loadAll(folder.cacerts));
      intermediates.push(...loadAll(folder.intermediatecerts));
      loadAll(folder.tlscacerts);
      loadAll(folder.tlsintermediatecerts);
      admins.push(...loadAll(folder.admincerts));
    }
  }
  roots.push(...loadList('caCerts'));
  intermediates.push(...loadList('intermediateCerts'));
  loadList('tlsCaCerts');
  loadList('tlsIntermediateCerts');
  admins.push(...loadList('adminCerts'));
  const adminIdentity =
    typeof msp.adminIdentity === 'string' ? load(msp.adminIdentity, [...base, 'adminIdentity']) : undefined;
  if (adminIdentity) admins.push(adminIdentity);
  listOf(msp.organizationalUnitIdentifiers).forEach((entry, index) => {
    if (typeof entry?.certificate === 'string') {
      load(entry.certificate, [...base, 'organizationalUnitIdentifiers', index, 'certificate']);
    }
  });
  listOf(spec.orderers).forEach((orderer, index) => {
    // The TLS certificates, and a BFT consenter's enrollment certificate: all go into channel configs.
    for (const field of ['tlsCert', 'clientTlsCert', 'identityCert'] as const) {
      const file = orderer?.[field];
      if (typeof file === 'string') load(file, ['organizations', org, 'orderers', index, field]);
    }
  });

  if (roots.length === 0) {
    // Only worth saying when nothing above already explains the absence.
    if (!failed) {
      ctx.report({
        code: 'NS_CERT_MISSING',
        message: `organization '${org}' names no CA certificate (msp.directory with cacerts/, or msp.caCerts)`,
        hint: CRYPTO_HINT,
        at: base,
      });
    }
    return;
  }
  const rootCerts = roots.map((root) => root.certificate);
  const intermediateCerts = intermediates.map((intermediate) => intermediate.certificate);
  for (const admin of admins) {
    if (chainsTo(admin.certificate, rootCerts, intermediateCerts)) continue;
    ctx.report({
      code: 'NS_CERT_CHAIN',
      message: `admin certificate '${admin.name}' of organization '${org}' is not issued by the organization's CA`,
      hint: `Fabric only accepts admins whose certificate chains to ${roots.map((root) => `'${root.name}'`).join(' or ')}`,
      at: admin.at,
    });
  }
  const adminOU = adminOUOf(ctx.baseDir, msp);
  if (adminIdentity && adminOU !== undefined && !organizationalUnits(adminIdentity.certificate).includes(adminOU)) {
    const found = organizationalUnits(adminIdentity.certificate);
    ctx.report({
      code: 'NS_CERT_ADMIN_OU',
      message: `admin identity '${adminIdentity.name}' of organization '${org}' does not carry the admin OU '${adminOU}' (it has ${found.length ? found.map((ou) => `'${ou}'`).join(', ') : 'no OU'})`,
      hint: 'with NodeOUs enabled Fabric treats an identity as admin only by its OU: issue the admin with that OU',
      at: adminIdentity.at,
    });
  }
}

/**
 * The OU an admin must carry, or undefined when NodeOUs are off. As the model reads it: the spec's `nodeOUs`
 * wins; otherwise the MSP folder's config.yaml; with neither, NodeOUs are on (Fabric 2.x default).
 */
function adminOUOf(baseDir: string, msp: MspSpec): string | undefined {
  if (typeof msp.nodeOUs === 'boolean') return msp.nodeOUs ? DEFAULT_ADMIN_OU : undefined;
  if (msp.nodeOUs && typeof msp.nodeOUs === 'object') {
    return msp.nodeOUs.enabled ? (msp.nodeOUs.adminOU ?? DEFAULT_ADMIN_OU) : undefined;
  }
  if (typeof msp.directory !== 'string') return DEFAULT_ADMIN_OU;
  const configFile = resolve(baseDir, msp.directory, 'config.yaml');
  if (!existsSync(configFile)) return undefined;
  try {
    const config = readMspConfigYaml(readFileSync(configFile, 'utf8'));
    if (config.NodeOUs?.Enable !== true) return undefined;
    return config.NodeOUs.AdminOUIdentifier?.OrganizationalUnitIdentifier ?? DEFAULT_ADMIN_OU;
  } catch {
    // An unreadable config.yaml is not a certificate problem; the OU check is skipped rather than guessed.
    return undefined;
  }
}
