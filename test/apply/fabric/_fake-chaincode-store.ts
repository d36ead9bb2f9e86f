// The fake peers' installed chaincode packages, kept per peer as Fabric's peer keeps them on its file system: a
// package is parsed as Fabric's ChaincodePackageParser does (a gzip'd tar holding `metadata.json` with a type and
// a valid label, and `code.tar.gz`) and stored under `<label>:<hex sha256 of the bytes>`. Answers are the
// lifecycle protos' InstallChaincodeResult and QueryInstalledChaincode(s)Result, with Fabric's error messages.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { mustDecode, mustEncode } from '../../../src/apply/fabric/signed-envelopes.js';
import type { LifecycleAnswer } from './_fake-lifecycle.js';

export interface InstalledPackage {
  packageId: string;
  label: string;
  bytes: Uint8Array;
}

/** Fabric's persistence.ValidateLabel. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

export class FakeChaincodeStore {
  /** peer host -> package id -> package. */
  readonly installed = new Map<string, Map<string, InstalledPackage>>();

  /** `_lifecycle` InstallChaincode, QueryInstalledChaincode(s) on one peer; undefined for other functions. */
  answer(peer: string, fn: string, arg: Uint8Array): LifecycleAnswer | undefined {
    const packages = this.installed.get(peer) ?? new Map<string, InstalledPackage>();
    this.installed.set(peer, packages);
    if (fn === 'InstallChaincode') {
      const bytes = mustDecode('lifecycle.InstallChaincodeArgs', arg).chaincode_install_package as Uint8Array;
      const parsed = parsePackage(bytes ?? new Uint8Array());
      if ('error' in parsed)
        return fail(
          `failed to invoke backing implementation of 'InstallChaincode': could not parse as a chaincode install package: ${parsed.error}`,
        );
      const packageId = `${parsed.label}:${createHash('sha256').update(bytes).digest('hex')}`;
      if (packages.has(packageId))
        return fail(
          `failed to invoke backing implementation of 'InstallChaincode': chaincode already successfully installed (package ID '${packageId}')`,
        );
      packages.set(packageId, { packageId, label: parsed.label, bytes });
      return ok(mustEncode('lifecycle.InstallChaincodeResult', { package_id: packageId, label: parsed.label }));
    }
    if (fn === 'QueryInstalledChaincodes')
      return ok(
        mustEncode('lifecycle.QueryInstalledChaincodesResult', {
          installed_chaincodes: [...packages.values()].map((p) => ({ package_id: p.packageId, label: p.label })),
        }),
      );
    if (fn === 'QueryInstalledChaincode') {
      const packageId = String(mustDecode('lifecycle.QueryInstalledChaincodeArgs', arg).package_id ?? '');
      const found = packages.get(packageId);
      if (!found)
        return fail(
          `failed to invoke backing implementation of 'QueryInstalledChaincode': could not load 'installed chaincode' with package ID '${packageId}': chaincode install package '${packageId}' not found`,
        );
      return ok(
        mustEncode('lifecycle.QueryInstalledChaincodeResult', { package_id: found.packageId, label: found.label }),
      );
    }
    return undefined;
  }
}

/** persistence.ParseChaincodePackage: the label from metadata.json, and both files present. */
function parsePackage(bytes: Uint8Array): { label: string } | { error: string } {
  let archive: Buffer;
  try {
    archive = gunzipSync(bytes);
  } catch (error) {
    return { error: `error reading as gzip stream: ${(error as Error).message}` };
  }
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
    if (!Number.isFinite(size)) return { error: 'error inspecting next tar header: invalid size' };
    files.set(name, archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  const metadata = files.get('metadata.json');
  if (!metadata) return { error: 'did not find any package metadata (missing metadata.json)' };
  let parsed: { type?: unknown; label?: unknown };
  try {
    parsed = JSON.parse(metadata.toString('utf8')) as typeof parsed;
  } catch {
    return { error: 'could not unmarshal metadata.json as json' };
  }
  const label = typeof parsed.label === 'string' ? parsed.label : '';
  if (!LABEL.test(label))
    return {
      error: `invalid label '${label}': label must be non-empty, can only consist of alphanumerics, symbols from '.+-_', and can only begin with alphanumerics`,
    };
  if (typeof parsed.type !== 'string' || parsed.type === '') return { error: 'metadata.json has no chaincode type' };
  if (!files.has('code.tar.gz')) return { error: 'did not find a code package inside the package' };
  return { label };
}

function ok(payload: Uint8Array): LifecycleAnswer {
  return { status: 200, message: '', payload };
}

function fail(message: string): LifecycleAnswer {
  return { status: 500, message };
}
