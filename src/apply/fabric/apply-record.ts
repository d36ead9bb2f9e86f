// The apply record `networks/<name>/applied/<channel>-<sequence>.json`: what `netspec history` shows as
// "applied" (src/apply/git/read-governance-history.ts reads exactly these fields). bundleHash is the SHA-256 of
// the bundle's plan.json, which names every artifact by its own hash.
import { join } from 'node:path';
import type { ApplyRecord } from '../git/governance-event.js';

export type { ApplyRecord };

export function applyRecordPath(specDir: string, channel: string, sequence: number | string): string {
  return join(specDir, 'applied', `${channel}-${sequence}.json`);
}

export function renderApplyRecord(record: ApplyRecord): string {
  const ordered: ApplyRecord = {
    bundleHash: record.bundleHash,
    channel: record.channel,
    sequence: record.sequence,
    txIds: record.txIds,
    blockNumbers: record.blockNumbers,
    appliedAt: record.appliedAt,
    signers: record.signers,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
