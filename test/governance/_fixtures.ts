// Governance test material: real bundles planned from the supply-chain example, its DEMO-ONLY admin identities,
// and extra identities issued with an org's demo CA (client, expired, self-signed) in temporary folders.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { networkFilesOf, signatureFilePath } from '../../src/bundle/index.js';
import { x509 } from '../../src/crypto/_x509.js';
import { issueLeafCertificate } from '../../src/crypto/issue-certificate.js';
import {
  generateSigningKeyPair,
  privateKeyFromPem,
  privateKeyToPem,
  SIGNING_ALGORITHM,
} from '../../src/crypto/key-pair.js';
import {
  type LoadedSigner,
  loadSigningIdentity,
  type SignatureFile,
  type VerifyReport,
} from '../../src/governance/index.js';
import { verifyAt, writeTestBundle } from '../helpers/bundle-fixture.js';
import { type OrgSignResult, signAsOrganization } from '../helpers/org-signer.js';
import { planExample } from '../helpers/plan-fixture.js';
import { repoRoot } from '../helpers/run-cli.js';

export type Org = 'operator' | 'manufacturer' | 'distributor' | 'retailer';

export const MSP_IDS: Record<Org, string> = {
  operator: 'OperatorMSP',
  manufacturer: 'ManufacturerMSP',
  distributor: 'DistributorMSP',
  retailer: 'RetailerMSP',
};

const cryptoDir = join(repoRoot, 'networks', 'supply-chain', 'crypto');

function domainOf(org: Org): string {
  return `${org}.supply.example.com`;
}

/**
 * A bundle of the supply-chain example (two channel updates), laid out as in a repository: a fresh
 * `networks/supply-chain/` with the example's network.yaml, its crypto (linked) and the state (linked: the
 * example's or `stateDir`), and the bundle in its `bundle/` folder, where verify finds the spec and state itself.
 */
export function writeExampleBundle(stateDir?: string): string {
  const result = planExample('supply-chain', stateDir ? { stateDir } : {});
  if (!result.plan)
    throw new Error(`the example does not plan: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const network = join(mkdtempSync(join(tmpdir(), 'netspec-gov-')), 'networks', 'supply-chain');
  mkdirSync(network, { recursive: true });
  const example = join(repoRoot, 'networks', 'supply-chain');
  copyFileSync(join(example, 'network.yaml'), join(network, 'network.yaml'));
  symlinkSync(join(example, 'crypto'), join(network, 'crypto'));
  symlinkSync(stateDir ?? join(example, 'state'), join(network, 'state'));
  const dir = join(network, 'bundle');
  writeTestBundle(dir, result.plan, result.artifacts);
  return dir;
}

/** The spec and state an example bundle is judged against: the ones beside it. */
export function exampleFiles(bundle: string): { specFile: string; stateDir: string } {
  const files = networkFilesOf(bundle);
  if ('error' in files) throw new Error(files.error);
  return files;
}

/** verify on an example bundle, as the CLI runs it. */
export function verifyExample(bundle: string, now?: Date): VerifyReport {
  return verifyAt(bundle, exampleFiles(bundle), now).report;
}

/**
 * sign on an example bundle: `netspec sign` in a process of its own, given only the signer's certificate and key
 * paths (test/helpers/org-signer.ts). The signature files it writes are in the bundle already, and returned.
 */
export function signExample(bundle: string, signer: IdentityFiles): OrgSignResult {
  return signAsOrganization(bundle, exampleFiles(bundle), signer);
}

export interface IdentityFiles {
  mspId: string;
  certFile: string;
  keyFile: string;
}

/** The example's admin of `org` (DEMO-ONLY material committed in networks/supply-chain/crypto). */
export function adminFiles(org: Org): IdentityFiles {
  const msp = join(cryptoDir, org, 'users', `Admin@${domainOf(org)}`, 'msp');
  const cert = readdirSync(join(msp, 'signcerts'))[0]!;
  return { mspId: MSP_IDS[org], certFile: join(msp, 'signcerts', cert), keyFile: join(msp, 'keystore', 'priv_sk') };
}

export function signerOf(files: IdentityFiles, mspId = files.mspId): LoadedSigner {
  const loaded = loadSigningIdentity(mspId, files.certFile, files.keyFile);
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.signer;
}

export function adminSigner(org: Org): LoadedSigner {
  return signerOf(adminFiles(org));
}

/** A new identity of `org` issued by its demo CA (the CA key stays in the repo; the new files go to a temp dir). */
export async function issueIdentity(org: Org, options: { ou: string; notBefore?: Date }): Promise<IdentityFiles> {
  const caDir = join(cryptoDir, org, 'ca');
  const caPem = readFileSync(join(caDir, `ca.${domainOf(org)}-cert.pem`), 'utf8');
  const ca = {
    certificate: new x509.X509Certificate(caPem),
    pem: caPem,
    privateKey: await privateKeyFromPem(readFileSync(join(caDir, 'priv_sk'), 'utf8')),
  };
  const keys = await generateSigningKeyPair();
  const pem = await issueLeafCertificate(
    {
      commonName: `${options.ou}-${Date.now()}@${domainOf(org)}`,
      organization: domainOf(org),
      organizationalUnit: options.ou,
      purpose: 'identity',
      publicKey: keys.publicKey,
    },
    ca,
    options.notBefore,
  );
  return writeIdentity(MSP_IDS[org], pem, privateKeyToPem(keys.privateKey));
}

/** A leaf that signs itself, dressed as an admin of `org` (OU admin, the org's O). */
export async function selfSignedIdentity(org: Org): Promise<IdentityFiles> {
  const keys = await generateSigningKeyPair();
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: [{ O: [domainOf(org)] }, { OU: ['admin'] }, { CN: [`Admin@${domainOf(org)}`] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  const pem = certificate.toString('pem');
  if (!new X509Certificate(pem).checkIssued(new X509Certificate(pem))) throw new Error('not self-signed');
  return writeIdentity(MSP_IDS[org], pem, privateKeyToPem(keys.privateKey));
}

function writeIdentity(mspId: string, certPem: string, keyPem: string): IdentityFiles {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-identity-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  writeFileSync(certFile, certPem);
  writeFileSync(keyFile, keyPem, { mode: 0o600 });
  return { mspId, certFile, keyFile };
}

export function writeSignatureFile(bundleDir: string, channel: string, file: SignatureFile, name?: string): string {
  const path = name ? `signatures/${channel}/${name}` : signatureFilePath(channel, file.mspId);
  writeFileAtPath(join(bundleDir, path), `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

function writeFileAtPath(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
