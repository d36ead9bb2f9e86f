// A chaincode whose server the spec places elsewhere (`server.address`): the package each org installs dials that
// address, and the bundle `plan` writes gives the chaincode server the very package id the peers install.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ccaasPackage } from '../../../src/apply/fabric/ccaas-package.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../../helpers/run-cli-in-process.js';

const ADDRESS = 'registry.chaincode.supply.example.com:7443';

/** The supply-chain example with product-registry's server reached at ADDRESS. */
function specWithAddress(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-cc-address-'));
  cpSync(join(repoRoot, 'networks/supply-chain'), dir, { recursive: true });
  const file = join(dir, 'network.yaml');
  const before = readFileSync(file, 'utf8');
  const image = '      image: ghcr.io/supply-chain/product-registry:1.2\n';
  expect(before).toContain(image);
  writeFileSync(file, before.replace(image, `${image}      address: ${ADDRESS}\n`));
  return { dir, file };
}

/** The files of a tar archive (ustar: name at 0, size in octal at 124, data after each 512-byte header). */
function untar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, ''), 8);
    files.set(name, archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe('chaincode server.address', () => {
  it("is the address in each member org's package, whose id the planned manifests give the chaincode server", async () => {
    const { dir, file } = specWithAddress();
    const loaded = loadSpec(file);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = loaded.value!.model;
    const chaincode = model.chaincodes.find((c) => c.name === 'product-registry')!;

    const out = join(dir, 'bundle');
    const plan = await runCli(['plan', file, '--out', out]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);

    const ids = new Set<string>();
    for (const org of ['manufacturer', 'distributor']) {
      const pkg = ccaasPackage(model, org, chaincode)!;
      // The connection.json inside the package's code.tar.gz, read from the package bytes.
      const outer = untar(gunzipSync(pkg.bytes));
      const connection = JSON.parse(
        untar(gunzipSync(outer.get('code.tar.gz')!))
          .get('connection.json')!
          .toString(),
      );
      expect(connection).toEqual({ address: ADDRESS, dial_timeout: '10s', tls_required: false });

      // The org's manifests in the planned bundle: the ConfigMap the server reads CHAINCODE_ID from.
      const folder = join(out, 'k8s', org);
      const objects = readdirSync(folder)
        .filter((name) => name.endsWith('.yaml'))
        .flatMap((name) => parseAllDocuments(readFileSync(join(folder, name), 'utf8')).map((d) => d.toJS()));
      const packageMap = objects.find(
        (o) => o?.kind === 'ConfigMap' && o.metadata.name === 'cc-production-product-registry-package',
      );
      expect(packageMap.data).toEqual({ packageId: pkg.packageId });
      const filesMap = objects.find(
        (o) => o?.kind === 'ConfigMap' && o.metadata.name === 'cc-production-product-registry',
      );
      expect(JSON.parse(filesMap.data['connection.json']).address).toBe(ADDRESS);
      ids.add(pkg.packageId);
    }
    // One address for every org: one package, where the default address names each org's own namespace.
    expect(ids.size).toBe(1);
  });

  it('is refused by validate when it is not host:port', async () => {
    const { file } = specWithAddress();
    writeFileSync(file, readFileSync(file, 'utf8').replace(ADDRESS, 'http://registry'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/network\.yaml:\d+:\d+ error .*host:port/);
  });
});
