// An organization's TLS root CA certificates as PEM text: what a client must trust to reach its peers,
// orderers and CA. Read like Fabric's MSP reads them: every file of the MSP folder's tlscacerts/ in name
// order, then the spec's explicit tlsCaCerts files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MspModel } from '../model/network-model.js';

export function tlsCaCertificates(msp: MspModel): string[] {
  const folder = msp.directory ? join(msp.directory, 'tlscacerts') : undefined;
  const fromFolder =
    folder && existsSync(folder)
      ? readdirSync(folder)
          .sort()
          .map((name) => join(folder, name))
          .filter((path) => statSync(path).isFile())
      : [];
  return [...fromFolder, ...msp.tlsCaCerts].map(readPemFile);
}

export function readPemFile(path: string): string {
  return normalizePem(readFileSync(path, 'utf8'));
}

/** One trailing newline and LF line ends: the profile's bytes do not depend on how a file was saved. */
function normalizePem(text: string): string {
  return `${text.replace(/\r\n/g, '\n').trim()}\n`;
}
