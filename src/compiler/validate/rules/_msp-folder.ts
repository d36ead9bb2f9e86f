// The certificate files of a Fabric MSP folder, as the rules that read MSP material list them. Private to the
// rules folder.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface MspFolder {
  cacerts: string[];
  intermediatecerts: string[];
  tlscacerts: string[];
  tlsintermediatecerts: string[];
  admincerts: string[];
}

/** The certificate files of a Fabric MSP folder, as paths relative to it (sorted); undefined if it is no folder. */
export function readMspFolder(baseDir: string, directory: string): MspFolder | undefined {
  const root = resolve(baseDir, directory);
  if (!isDirectory(root)) return undefined;
  const list = (sub: string) => {
    const folder = join(root, sub);
    if (!isDirectory(folder)) return [];
    // Fabric reads every file of these folders; only .pem files are taken here, so a stray README is no error.
    return readdirSync(folder)
      .filter((name) => name.endsWith('.pem'))
      .sort()
      .map((name) => `${sub}/${name}`);
  };
  return {
    cacerts: list('cacerts'),
    intermediatecerts: list('intermediatecerts'),
    tlscacerts: list('tlscacerts'),
    tlsintermediatecerts: list('tlsintermediatecerts'),
    admincerts: list('admincerts'),
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
