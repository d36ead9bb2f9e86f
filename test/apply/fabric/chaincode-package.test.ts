// The CCaaS package and its tar.gz writer: the archive read back with an independent ustar parser (header fields,
// checksums, contents, order, end blocks), the gzip header's fixed fields, the package's files equal to the
// Kubernetes ConfigMap the chaincode server mounts, the package id stable across runs and builds and equal to
// the one the org's manifests give the chaincode server.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ccaasPackage } from '../../../src/apply/fabric/ccaas-package.js';
import { deterministicGzip, tarArchive, tarGzip } from '../../../src/compiler/fabric/package/deterministic-tar-gzip.js';
import { emitManifests } from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';

const specFile = new URL('../../../networks/supply-chain/network.yaml', import.meta.url).pathname;
const model = () => loadSpec(specFile).value!.model;

interface ParsedEntry {
  name: string;
  mode: string;
  uid: number;
  gid: number;
  mtime: number;
  type: string;
  magic: string;
  checksumOk: boolean;
  content: Buffer;
}

/** A ustar reader written from the format (POSIX.1-1988), independent of the writer. */
function readTar(archive: Buffer): { entries: ParsedEntry[]; trailingZeroBlocks: number } {
  const entries: ParsedEntry[] = [];
  let offset = 0;
  const field = (header: Buffer, start: number, length: number) =>
    header
      .subarray(start, start + length)
      .toString('latin1')
      .replace(/\0.*$/s, '');
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const stored = Number.parseInt(field(header, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    const size = Number.parseInt(field(header, 124, 12), 8);
    entries.push({
      name: field(header, 0, 100),
      mode: field(header, 100, 8),
      uid: Number.parseInt(field(header, 108, 8), 8),
      gid: Number.parseInt(field(header, 116, 8), 8),
      mtime: Number.parseInt(field(header, 136, 12), 8),
      type: field(header, 156, 1),
      magic: header.subarray(257, 265).toString('latin1'),
      checksumOk: stored === sum,
      content: archive.subarray(offset + 512, offset + 512 + size),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return { entries, trailingZeroBlocks: (archive.length - offset) / 512 };
}

describe('tarArchive / deterministicGzip', () => {
  it('writes ustar entries sorted by name with fixed owner, mode and time, and valid checksums', () => {
    const big = new Uint8Array(700).map((_, i) => i % 251);
    const archive = Buffer.from(
      tarArchive([
        { name: 'zeta.txt', bytes: new TextEncoder().encode('last') },
        { name: 'alpha/big.bin', bytes: big },
      ]),
    );
    expect(archive.length % 512).toBe(0);
    const { entries, trailingZeroBlocks } = readTar(archive);
    expect(trailingZeroBlocks).toBe(2);
    expect(entries.map((e) => e.name)).toEqual(['alpha/big.bin', 'zeta.txt']);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        mode: '0000644',
        uid: 0,
        gid: 0,
        mtime: 0,
        type: '0',
        magic: 'ustar\u000000',
        checksumOk: true,
      });
    }
    expect(Buffer.compare(entries[0]!.content, Buffer.from(big))).toBe(0);
    expect(entries[1]!.content.toString()).toBe('last');
  });

  it('refuses a name ustar cannot hold', () => {
    expect(() => tarArchive([{ name: 'x'.repeat(101), bytes: new Uint8Array() }])).toThrow(/1-100/);
    expect(() => tarArchive([{ name: 'é', bytes: new Uint8Array() }])).toThrow(/printable ASCII/);
  });

  it('gzips with no time, no name and a fixed OS byte, and round-trips', () => {
    const input = new TextEncoder().encode('hello hello hello');
    const gz = deterministicGzip(input);
    expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // magic, deflate, FLG without FNAME/FCOMMENT
    expect([...gz.subarray(4, 10)]).toEqual([0, 0, 0, 0, 2, 255]);
    expect(gunzipSync(gz).toString()).toBe('hello hello hello');
    // Entry order does not matter: the archive is the same.
    const a = { name: 'a', bytes: new Uint8Array([1]) };
    const b = { name: 'b', bytes: new Uint8Array([2]) };
    expect(Buffer.from(tarGzip([a, b])).equals(Buffer.from(tarGzip([b, a])))).toBe(true);
  });
});

describe('ccaasPackage', () => {
  it('holds metadata.json and code.tar.gz with connection.json, equal to the ConfigMap the server mounts', () => {
    const spec = model();
    const chaincode = spec.chaincodes.find((c) => c.name === 'product-registry')!;
    const pkg = ccaasPackage(spec, 'manufacturer', chaincode)!;
    expect(pkg.label).toBe('product-registry_1.2');
    const outer = readTar(gunzipSync(pkg.bytes));
    expect(outer.entries.map((e) => e.name)).toEqual(['code.tar.gz', 'metadata.json']);
    expect(JSON.parse(outer.entries[1]!.content.toString())).toEqual({ type: 'ccaas', label: 'product-registry_1.2' });
    const inner = readTar(gunzipSync(outer.entries[0]!.content));
    expect(inner.entries.map((e) => e.name)).toEqual(['connection.json']);
    const connection = JSON.parse(inner.entries[0]!.content.toString());
    const namespace = spec.organizations.find((o) => o.name === 'manufacturer')!.kubernetes.namespace;
    expect(connection).toEqual({
      address: `cc-production-product-registry.${namespace}.svc.cluster.local:9999`,
      dial_timeout: '10s',
      tls_required: false,
    });

    // The same text the Kubernetes emitter puts in the org's chaincode ConfigMap.
    const manifests = emitManifests(spec).value!;
    const text = JSON.stringify(manifests);
    expect(text).toContain(JSON.stringify(pkg.connectionJson));
    expect(text).toContain(JSON.stringify(pkg.metadataJson));
  });

  it("is the package id that each org's manifests give its chaincode server (CHAINCODE_ID)", () => {
    const spec = model();
    const manifests = emitManifests(spec).value!;
    let checked = 0;
    for (const org of manifests) {
      for (const object of org.objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-package'))) {
        const server = object.metadata.name.replace(/-package$/, '');
        const chaincode = spec.chaincodes.find((c) => `cc-${c.channel}-${c.name}` === server)!;
        const data = (object as { data?: Record<string, string> }).data;
        expect(data).toEqual({ packageId: ccaasPackage(spec, org.organization, chaincode)!.packageId });
        const deployment = org.objects.find(
          (o) => o.kind === 'Deployment' && o.metadata.name === server,
        ) as unknown as {
          spec: { template: { spec: { containers: { env?: { name: string; valueFrom?: unknown }[] }[] } } };
        };
        const env = deployment.spec.template.spec.containers.flatMap((c) => c.env ?? []);
        expect(env.find((e) => e.name === 'CHAINCODE_ID')?.valueFrom).toEqual({
          configMapKeyRef: { key: 'packageId', name: object.metadata.name },
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('has a package id <label>:<sha256 of the bytes>, stable across runs and two independent builds', () => {
    const first = model();
    const second = model();
    const of = (spec: ReturnType<typeof model>, name: string, org: string) =>
      ccaasPackage(spec, org, spec.chaincodes.find((c) => c.name === name)!)!;
    for (const name of ['product-registry', 'quality-cert']) {
      const a = of(first, name, 'manufacturer');
      const b = of(second, name, 'manufacturer');
      expect(a.packageId).toBe(`${a.label}:${createHash('sha256').update(a.bytes).digest('hex')}`);
      expect(b.packageId).toBe(a.packageId);
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    }
    // A different version is a different package.
    const changed = model();
    const chaincode = changed.chaincodes.find((c) => c.name === 'product-registry')!;
    chaincode.version = '1.3';
    expect(ccaasPackage(changed, 'manufacturer', chaincode)!.packageId).not.toBe(
      of(first, 'product-registry', 'manufacturer').packageId,
    );
  });

  it('is undefined for an org that is not a channel member or a chaincode without a server', () => {
    const spec = model();
    const chaincode = spec.chaincodes.find((c) => c.name === 'product-registry')!;
    expect(ccaasPackage(spec, 'operator', chaincode)).toBeUndefined();
    expect(ccaasPackage(spec, 'manufacturer', { ...chaincode, server: undefined } as typeof chaincode)).toBeUndefined();
  });
});
