// The supply-chain example copied to a temporary folder (its demo crypto included), with edits: tests point
// its CA and nodes at local servers without touching the example itself.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/run-cli.js';

export const EXAMPLE = join(repoRoot, 'networks', 'supply-chain');
const MANUFACTURER_CRYPTO = join(EXAMPLE, 'crypto', 'manufacturer');
const ADMIN_MSP = join(MANUFACTURER_CRYPTO, 'users', 'Admin@manufacturer.supply.example.com', 'msp');

/** The manufacturer's demo CA, TLS CA and admin: the material a real deployment's CA would hold. */
export const manufacturerMaterial = () => ({
  caCertPem: readFileSync(join(MANUFACTURER_CRYPTO, 'ca', 'ca.manufacturer.supply.example.com-cert.pem'), 'utf8'),
  caKeyPem: readFileSync(join(MANUFACTURER_CRYPTO, 'ca', 'priv_sk'), 'utf8'),
  tlsCaCertPem: readFileSync(
    join(MANUFACTURER_CRYPTO, 'tlsca', 'tlsca.manufacturer.supply.example.com-cert.pem'),
    'utf8',
  ),
  tlsCaKeyPem: readFileSync(join(MANUFACTURER_CRYPTO, 'tlsca', 'priv_sk'), 'utf8'),
  adminCertPem: readFileSync(join(ADMIN_MSP, 'signcerts', 'Admin@manufacturer.supply.example.com-cert.pem'), 'utf8'),
  adminKeyPem: readFileSync(join(ADMIN_MSP, 'keystore', 'priv_sk'), 'utf8'),
});

/** The manufacturer's CA as a fake Fabric CA serves it (startFakeFabricCa), its admin the one registrar. */
export const manufacturerCaOptions = () => {
  const material = manufacturerMaterial();
  return {
    caName: 'ca-manufacturer',
    caCertPem: material.caCertPem,
    caKeyPem: material.caKeyPem,
    tlsCaCertPem: material.tlsCaCertPem,
    tlsCaKeyPem: material.tlsCaKeyPem,
    registrarCertPem: material.adminCertPem,
  };
};

/** Copies the example and applies `edit` to its network.yaml; returns the copied network.yaml's path. */
export function copySupplyChain(edit: (yaml: string) => string = (yaml) => yaml): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-supply-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const file = join(dir, 'network.yaml');
  const original = readFileSync(file, 'utf8');
  const edited = edit(original);
  writeFileSync(file, edited);
  return file;
}

/** A root that is no MSP's TLS root here: the operator's TLS CA, standing in for a CA's own TLS root. */
export const foreignTlsRoot = () => ({
  certFile: join(EXAMPLE, 'crypto', 'operator', 'tlsca', 'tlsca.operator.supply.example.com-cert.pem'),
  certPem: readFileSync(
    join(EXAMPLE, 'crypto', 'operator', 'tlsca', 'tlsca.operator.supply.example.com-cert.pem'),
    'utf8',
  ),
  keyPem: readFileSync(join(EXAMPLE, 'crypto', 'operator', 'tlsca', 'priv_sk'), 'utf8'),
});

/** The manufacturer's CA at localhost:<port> (with extra `ca:` lines), and `users` in place of its users list. */
export function withManufacturerCa(port: number, usersYaml?: string, caLines = ''): (yaml: string) => string {
  return (yaml) => {
    let out = yaml.replace(
      '    ca:\n      port: 7054\n    peers:',
      `    ca:\n      host: localhost\n      port: ${port}\n${caLines}    peers:`,
    );
    if (usersYaml !== undefined) out = out.replace(/ {4}users:\n {6}- name: factory-app\n( {8}.*\n)+/, usersYaml);
    return out;
  };
}
