// The one step of the k8s stage that touches the disk. Each `k8s/<org>/` folder is built complete in a
// temporary sibling and renamed into place, so a reader (or Argo CD) never sees a half-written folder, and a
// stale file of an earlier run never survives next to the new ones.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestFile } from './manifest-files.js';

/** Writes the files (all under `k8s/<org>/`) below `outDir`; returns the org folders written. */
export function writeManifestFolders(outDir: string, files: readonly ManifestFile[]): string[] {
  const byFolder = new Map<string, ManifestFile[]>();
  for (const file of files) {
    const folder = file.path.split('/').slice(0, 2).join('/');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const suffix = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const staged: { final: string; temp: string }[] = [];
  try {
    // Stage every folder first: a failure here leaves the output as it was.
    for (const [folder, folderFiles] of byFolder) {
      const final = join(outDir, folder);
      const temp = join(dirname(final), `.${folder.split('/')[1]}.tmp-${suffix}`);
      staged.push({ final, temp });
      for (const file of folderFiles) {
        const target = join(temp, file.path.slice(folder.length + 1));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.text);
      }
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  for (const { final, temp } of staged) {
    const old = `${temp}.old`;
    if (existsSync(final)) renameSync(final, old);
    renameSync(temp, final);
    rmSync(old, { recursive: true, force: true });
  }
  return staged.map(({ final }) => final);
}
