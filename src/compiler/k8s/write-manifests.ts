// The one step of the k8s stage that touches the disk. Each `k8s/<org>/` folder is built complete in a
// temporary sibling and renamed into place, so a reader (or Argo CD) never sees a half-written folder, and a
// stale file of an earlier run never survives next to the new ones.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stageFolder, swapFolderInto } from '../../atomic-write.js';
import type { ManifestFile } from './manifest-files.js';

/** Writes the files (all under `k8s/<org>/`) below `outDir`; returns the org folders written. */
export function writeManifestFolders(outDir: string, files: readonly ManifestFile[]): string[] {
  const byFolder = new Map<string, ManifestFile[]>();
  for (const file of files) {
    const folder = file.path.split('/').slice(0, 2).join('/');
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const staged: { final: string; staging: string }[] = [];
  try {
    // Stage every folder first: a failure here leaves the output as it was.
    for (const [folder, folderFiles] of byFolder) {
      const final = join(outDir, folder);
      mkdirSync(dirname(final), { recursive: true });
      const staging = stageFolder(final);
      staged.push({ final, staging });
      for (const file of folderFiles) {
        const target = join(staging, file.path.slice(folder.length + 1));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.text);
      }
    }
  } catch (error) {
    for (const { staging } of staged) rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  for (const { final, staging } of staged) swapFolderInto(staging, final);
  return staged.map(({ final }) => final);
}
