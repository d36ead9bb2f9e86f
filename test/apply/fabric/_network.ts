// A copy of the supply-chain example wired to a FakeFabric on 127.0.0.1: the spec (with connection.endpoints
// pointing at the fake and its test TLS CA), its DEMO-ONLY MSP material, its state folder, and helpers to plan,
// sign and apply bundles against it.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientIdentity, identityFromPem } from '../../../src/apply/fabric/index.js';
import { fromJson, type ProtoMessage } from '../../../src/compiler/fabric/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import type { NetworkModel } from '../../../src/compiler/model/network-model.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { issueCaCertificate, issueLeafCertificate } from '../../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyToPem } from '../../../src/crypto/key-pair.js';
import { adminFiles, MSP_IDS, type Org } from '../../governance/_fixtures.js';
import { type TestBundle, writeTestBundle } from '../../helpers/bundle-fixture.js';
import { signAsOrganization } from '../../helpers/org-signer.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { FakeFabric, makeTestTls, type TestTls } from './_fake-fabric.js';

export interface TestNetwork {
  dir: string;
  specFile: string;
  stateDir: string;
  model: NetworkModel;
  fake: FakeFabric;
  tls: TestTls;
  identity: ClientIdentity;
}

const HOSTS = [
  'orderer0.operator.supply.example.com',
  'orderer1.operator.supply.example.com',
  'orderer2.operator.supply.example.com',
  'peer0.manufacturer.supply.example.com',
  'peer1.manufacturer.supply.example.com',
  'peer0.distributor.supply.example.com',
  'peer0.retailer.supply.example.com',
];
const NODES = [
  'operator/orderer0',
  'operator/orderer1',
  'operator/orderer2',
  'manufacturer/peer0',
  'manufacturer/peer1',
  'distributor/peer0',
  'retailer/peer0',
];

let sharedTls: Promise<TestTls> | undefined;

/** `omitChannels`: channels whose block is left out of the state and the orderer (new channels). */
export async function startNetwork(
  options: { omitChannels?: string[]; grpcPort?: number; start?: boolean; editSpec?: (text: string) => string } = {},
): Promise<TestNetwork> {
  sharedTls ??= makeTestTls(HOSTS);
  const tls = await sharedTls;
  const dir = mkdtempSync(join(tmpdir(), 'netspec-live-'));
  const example = join(repoRoot, 'networks', 'supply-chain');
  cpSync(join(example, 'crypto'), join(dir, 'crypto'), { recursive: true });
  const stateDir = join(dir, 'state');
  mkdirSync(join(stateDir, 'fabric'), { recursive: true });
  const blocks: Uint8Array[] = [];
  const chaincodes: Record<string, ProtoMessage> = {};
  for (const file of readdirSync(join(example, 'state', 'fabric'))) {
    const channel = file.split('.')[0]!;
    if (options.omitChannels?.includes(channel)) continue;
    cpSync(join(example, 'state', 'fabric', file), join(stateDir, 'fabric', file));
    const bytes = readFileSync(join(example, 'state', 'fabric', file));
    if (file.endsWith('.block')) blocks.push(new Uint8Array(bytes));
    else
      chaincodes[channel] = fromJson('lifecycle.QueryChaincodeDefinitionsResult', JSON.parse(bytes.toString('utf8')))
        .value!;
  }
  const fake = new FakeFabric({ tls, blocks, chaincodes, ...(options.grpcPort ? { port: options.grpcPort } : {}) });
  // Each peer's local MSP is its org's: only that org's admins may join it or list its channels.
  for (const host of HOSTS.filter((h) => h.startsWith('peer')))
    fake.peerMsps.set(host, MSP_IDS[host.split('.')[1] as Org]);
  if (options.start !== false) await fake.start();
  writeFileSync(join(dir, 'tlsca.pem'), tls.caPem);
  const specFile = join(dir, 'network.yaml');
  writeSpec(specFile, fake.port || options.grpcPort || 1, fake.adminPort || 1, options.editSpec);
  const loaded = loadSpec(specFile);
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  const admin = adminFiles('operator');
  const organization = loaded.value.model.organizations.find((o) => o.name === 'operator')!;
  const chosen = identityFromPem(
    organization,
    readFileSync(admin.certFile, 'utf8'),
    readFileSync(admin.keyFile, 'utf8'),
  );
  if ('error' in chosen) throw new Error(chosen.error);
  return { dir, specFile, stateDir, model: loaded.value.model, fake, tls, identity: chosen.identity };
}

/** Rewrites the spec's endpoints (after the fake started on a port chosen late). */
export function writeSpec(specFile: string, port: number, adminPort: number, edit = (text: string) => text): void {
  const example = edit(readFileSync(join(repoRoot, 'networks', 'supply-chain', 'network.yaml'), 'utf8'));
  const endpoints = NODES.map(
    (node) =>
      `    ${node}: { url: "grpcs://127.0.0.1:${port}", adminUrl: "https://127.0.0.1:${adminPort}", tlsCaCert: tlsca.pem }`,
  ).join('\n');
  writeFileSync(specFile, example.replace(/^connection:\n/m, `connection:\n  endpoints:\n${endpoints}\n`));
}

export function planBundle(network: TestNetwork, stateDir = network.stateDir): TestBundle {
  const loaded = loadSpec(network.specFile).value!;
  const result = makePlan({
    loaded,
    specFile: network.specFile,

    stateDir,
    timestamp: new Date(0),
  });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  const dir = join(mkdtempSync(join(tmpdir(), 'netspec-live-bundle-')), 'bundle');
  const plan = writeTestBundle(dir, result.plan, result.artifacts);
  return { dir, plan, specFile: network.specFile, stateDir };
}

/** Each org signs in a process of its own with its own admin files (test/helpers/org-signer.ts). */
export function sign(bundle: TestBundle, ...orgs: Org[]): void {
  for (const org of orgs) {
    const result = signAsOrganization(bundle.dir, bundle, adminFiles(org));
    if (result.errors.length > 0) throw new Error(`${org} could not sign: ${result.errors.join('; ')}`);
  }
}

export const FAST = { timeoutMs: 2000, retries: 1, backoffMs: 20 };

/** What one organization holds, in a folder of its own: its admin's signing pair and its TLS client pair. */
export interface OrgCredentials {
  org: Org;
  dir: string;
  certFile: string;
  keyFile: string;
  tlsCertFile: string;
  tlsKeyFile: string;
}

/**
 * One org's credentials, copied into a folder holding nothing else, so that an apply run with them can use no
 * other org's key. The operator's TLS client pair is issued by the TLS CA the fake orderer's admin API trusts (as
 * the ordering org's own TLS CA); every other org's by a TLS CA of its own, which that API does not trust.
 */
export async function orgCredentials(network: TestNetwork, org: Org): Promise<OrgCredentials> {
  const dir = mkdtempSync(join(tmpdir(), `netspec-${org}-`));
  const admin = adminFiles(org);
  const files = {
    org,
    dir,
    certFile: join(dir, 'admin-cert.pem'),
    keyFile: join(dir, 'admin-key.pem'),
    tlsCertFile: join(dir, 'tls-client.crt'),
    tlsKeyFile: join(dir, 'tls-client.key'),
  };
  cpSync(admin.certFile, files.certFile);
  cpSync(admin.keyFile, files.keyFile);
  const tls = org === 'operator' ? network.tls : await ownTlsClient(org);
  writeFileSync(files.tlsCertFile, tls.clientCertPem);
  writeFileSync(files.tlsKeyFile, tls.clientKeyPem);
  return files;
}

async function ownTlsClient(org: Org): Promise<{ clientCertPem: string; clientKeyPem: string }> {
  const domain = `${org}.supply.example.com`;
  const ca = await issueCaCertificate(`tlsca.${domain}`, domain, await generateSigningKeyPair());
  const keys = await generateSigningKeyPair();
  const clientCertPem = await issueLeafCertificate(
    { commonName: `Admin@${domain}`, organization: domain, purpose: 'tls', publicKey: keys.publicKey },
    ca,
  );
  return { clientCertPem, clientKeyPem: privateKeyToPem(keys.privateKey) };
}
