// A signature as it lives in a bundle: `signatures/<channel>/<mspid>.json`, one org's ConfigSignature over the
// channel's update.pb, in base64, with who signed, when, and the SHA-256 of the update it covers (for humans and
// for spotting a signature replayed from another update; the signature itself is what is checked).
import type { Bundle } from '../bundle/index.js';
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

/** `<MSP id>.<n>`: the name of a further admin's signature file. */
const FURTHER_ADMIN = /\.\d+$/;

/**
 * The bundle's signature files of one channel, ready for checking (signatureInputOf each). A file is named after
 * the MSP whose admin signed (`<MSP id>.json`, or `<MSP id>.<n>.json` for a further admin of the same org).
 */
export function signatureInputsOf(
  bundle: Bundle,
  channel: string,
): { inputs: SignatureInput[]; unreadable: SignatureVerdict[] } {
  const inputs: SignatureInput[] = [];
  const unreadable: SignatureVerdict[] = [];
  // `<MSP>.json` before `<MSP>.<n>.json`: of two files holding one identity's signature, the one named plainly
  // after its MSP counts and the extra copy is the duplicate, whatever the name order.
  const entries = bundle.signatures
    .filter((entry) => entry.channel === channel)
    .sort((a, b) => Number(FURTHER_ADMIN.test(a.name)) - Number(FURTHER_ADMIN.test(b.name)));
  for (const entry of entries) {
    const read = signatureInputOf(entry.source, entry.name, entry.bytes);
    if ('verdict' in read) unreadable.push(read.verdict);
    else inputs.push(read.input);
  }
  return { inputs, unreadable };
}

/**
 * One signature file, `name` being its file name without `.json`: ready for checking, or the verdict that it never
 * counts (it does not parse, or its name and the MSP it holds a signature of disagree).
 */
export function signatureInputOf(
  source: string,
  name: string,
  bytes: Uint8Array,
): { input: SignatureInput } | { verdict: SignatureVerdict } {
  const parsed = parseSignatureFile(Buffer.from(bytes).toString('utf8'));
  if ('error' in parsed)
    return {
      verdict: { source, mspId: name, valid: false, reason: parsed.error, code: 'NS_SIGNATURE_FILE_INVALID' },
    };
  const { file } = parsed;
  if (name !== file.mspId && !name.startsWith(`${file.mspId}.`))
    return {
      verdict: {
        source,
        mspId: file.mspId,
        valid: false,
        reason: `the file is named ${name}.json but holds a signature of ${file.mspId}: a signature file is named after its signer's MSP`,
        code: 'NS_SIGNATURE_WRONG_MSP',
      },
    };
  return {
    input: {
      source,
      claimedMspId: file.mspId,
      signedUpdateSha256: file.updateSha256,
      signatureHeader: new Uint8Array(Buffer.from(file.signatureHeader, 'base64')),
      signature: new Uint8Array(Buffer.from(file.signature, 'base64')),
    },
  };
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
