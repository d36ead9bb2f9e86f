// A signature as it lives in a bundle: `signatures/<channel>/<mspid>.json`, one org's ConfigSignature over the
// channel's update.pb, in base64, with who signed, when, and the SHA-256 of the update it covers (for humans and
// for spotting a signature replayed from another update; the signature itself is what is checked).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignatureInput } from './check-signatures.js';
import type { SignatureVerdict } from './verify-report.js';

export interface SignatureFile {
  mspId: string;
  /** The signer certificate's subject. */
  signer: string;
  /** ISO 8601. */
  signedAt: string;
  /** SHA-256 (hex) of the update bytes signed. */
  updateSha256: string;
  /** Marshalled common.SignatureHeader, base64. */
  signatureHeader: string;
  /** DER ECDSA signature, base64. */
  signature: string;
}

export const SIGNATURES_DIRECTORY = 'signatures';

export function signatureFilePath(channel: string, mspId: string): string {
  return `${SIGNATURES_DIRECTORY}/${channel}/${mspId}.json`;
}

export function renderSignatureFile(file: SignatureFile): string {
  const ordered: SignatureFile = {
    mspId: file.mspId,
    signer: file.signer,
    signedAt: file.signedAt,
    updateSha256: file.updateSha256,
    signatureHeader: file.signatureHeader,
    signature: file.signature,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Every `*.json` in the channel's signature folder, sorted by name; a file that is not one is a verdict. */
export function readSignatureFiles(
  bundleDir: string,
  channel: string,
): { inputs: SignatureInput[]; unreadable: SignatureVerdict[] } {
  const dir = join(bundleDir, SIGNATURES_DIRECTORY, channel);
  const inputs: SignatureInput[] = [];
  const unreadable: SignatureVerdict[] = [];
  if (!existsSync(dir)) return { inputs, unreadable };
  for (const name of readdirSync(dir)
    .filter((entry) => entry.endsWith('.json'))
    .sort()) {
    const source = `${SIGNATURES_DIRECTORY}/${channel}/${name}`;
    const parsed = parseSignatureFile(readFileSync(join(dir, name), 'utf8'));
    if ('error' in parsed) {
      unreadable.push({ source, mspId: name.replace(/\.json$/, ''), valid: false, reason: parsed.error });
      continue;
    }
    inputs.push({
      source,
      claimedMspId: parsed.file.mspId,
      signedUpdateSha256: parsed.file.updateSha256,
      signatureHeader: new Uint8Array(Buffer.from(parsed.file.signatureHeader, 'base64')),
      signature: new Uint8Array(Buffer.from(parsed.file.signature, 'base64')),
    });
  }
  return { inputs, unreadable };
}

export function parseSignatureFile(text: string): { file: SignatureFile } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'the signature file is not JSON' };
  }
  const record = value as Record<string, unknown> | null;
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { error: 'the signature file is not a JSON object' };
  for (const field of ['mspId', 'signatureHeader', 'signature'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '')
      return { error: `the signature file has no ${field}` };
  }
  for (const field of ['signatureHeader', 'signature'] as const) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(record[field] as string))
      return { error: `the signature file's ${field} is not base64` };
  }
  return {
    file: {
      mspId: record.mspId as string,
      signer: typeof record.signer === 'string' ? record.signer : '',
      signedAt: typeof record.signedAt === 'string' ? record.signedAt : '',
      updateSha256: typeof record.updateSha256 === 'string' ? record.updateSha256 : '',
      signatureHeader: record.signatureHeader as string,
      signature: record.signature as string,
    },
  };
}
