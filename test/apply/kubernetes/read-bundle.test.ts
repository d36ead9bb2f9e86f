import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFolderFiles, readOrganizationManifests } from '../../../src/apply/kubernetes/index.js';
import {
  emitManifests,
  joinDocuments,
  manifestFiles,
  splitDocuments,
  writeManifestFolders,
} from '../../../src/compiler/k8s/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';

const SPEC = new URL('../../../networks/supply-chain/network.yaml', import.meta.url).pathname;
const emitted = emitManifests(loadSpec(SPEC).value!.model, { organizations: ['retailer'] }).value!;

function bundle(): { dir: string; folder: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-read-bundle-'));
  writeManifestFolders(dir, emitted.flatMap(manifestFiles));
  return { dir, folder: join(dir, 'k8s/retailer') };
}

describe('readOrganizationManifests', () => {
  it('reads every object of manifest.yaml, in order', () => {
    const manifests = readOrganizationManifests(manifestFolderFiles(bundle().dir), 'retailer');
    expect(manifests.objects).toEqual(emitted[0]!.objects);
    expect(manifests).toMatchObject({
      organization: 'retailer',
      network: 'supply-chain',
      namespace: 'supply-retailer',
    });
  });

  it('reads a kustomization that lists several files', () => {
    const { dir, folder } = bundle();
    const documents = splitDocuments(readFileSync(join(folder, 'manifest.yaml'), 'utf8'));
    writeFileSync(join(folder, 'manifest.yaml'), joinDocuments(documents.slice(0, 2)));
    writeFileSync(join(folder, 'rest.yaml'), joinDocuments(documents.slice(2)));
    const kustomization = readFileSync(join(folder, 'kustomization.yaml'), 'utf8');
    writeFileSync(
      join(folder, 'kustomization.yaml'),
      kustomization.replace('  - manifest.yaml\n', '  - manifest.yaml\n  - rest.yaml\n'),
    );
    expect(readOrganizationManifests(manifestFolderFiles(dir), 'retailer').objects).toEqual(emitted[0]!.objects);
  });

  it('refuses an object without the network label, naming the file and the document', () => {
    const { dir, folder } = bundle();
    const documents = splitDocuments(readFileSync(join(folder, 'manifest.yaml'), 'utf8'));
    documents[2] = documents[2]!.replace(/^ {4}app\.kubernetes\.io\/part-of: .*\n/m, '');
    writeFileSync(join(folder, 'manifest.yaml'), joinDocuments(documents));
    expect(() => readOrganizationManifests(manifestFolderFiles(dir), 'retailer')).toThrow(
      /manifest\.yaml \(document 3\): not labelled as part of network 'supply-chain'/,
    );
  });

  it('refuses YAML that does not parse, naming the file', () => {
    const { dir, folder } = bundle();
    writeFileSync(join(folder, 'manifest.yaml'), 'kind: Service\n---\nmetadata: [unclosed\n');
    expect(() => readOrganizationManifests(manifestFolderFiles(dir), 'retailer')).toThrow(
      /k8s\/retailer\/manifest\.yaml: /,
    );
  });
});
