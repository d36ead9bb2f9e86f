// Apply records in `networks/<name>/applied/`: what `netspec history` shows as "applied"
// (src/apply/git/read-governance-history.ts reads these fields). bundleHash is the SHA-256 of the bundle's
// plan.json, which names every artifact by its own hash.
//  - a channel update or a new channel: `<channel>-<config sequence>.json`;
//  - an org's part of a chaincode definition (install, approve, commit, whichever it did):
//    `<channel>-chaincode-<name>-<definition sequence>-<org>.json`. Each org applies its own part in its own CI,
//    so the org is in the name: two orgs' records of the same definition never collide. Block numbers are left
//    out there: the lifecycle's completion is read from the peer, which does not say in which block it landed.
import { join } from 'node:path';
import type { ApplyRecord } from '../git/governance-event.js';
import type { ApplyStep } from './apply-steps.js';
import type { ClientIdentity } from './client-identity.js';

export type { ApplyRecord };

export function applyRecordPath(specDir: string, channel: string, sequence: number | string): string {
  return join(specDir, 'applied', `${channel}-${sequence}.json`);
}

/** Where the record goes, channel change or chaincode step alike. */
export function applyRecordFile(specDir: string, record: ApplyRecord): string {
  if (!record.chaincode) return applyRecordPath(specDir, record.channel, record.sequence);
  const { name, organization } = record.chaincode;
  return join(specDir, 'applied', `${record.channel}-chaincode-${name}-${record.sequence}-${organization}.json`);
}

export function renderApplyRecord(record: ApplyRecord): string {
  const ordered: ApplyRecord = {
    bundleHash: record.bundleHash,
    channel: record.channel,
    sequence: record.sequence,
    ...(record.chaincode ? { chaincode: record.chaincode } : {}),
    txIds: record.txIds,
    blockNumbers: record.blockNumbers,
    appliedAt: record.appliedAt,
    signers: record.signers,
    ...(record.steps ? { steps: record.steps } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** One record per chaincode definition for which the acting org changed something (an install, approval or commit). */
export function chaincodeRecords(
  steps: readonly ApplyStep[],
  identity: ClientIdentity,
  bundleHash: string,
  appliedAt: Date,
): ApplyRecord[] {
  const byDefinition = new Map<string, ApplyStep[]>();
  for (const step of steps) {
    if (!step.chaincode) continue;
    const key = `${step.channel}\0${step.chaincode.name}\0${step.chaincode.sequence}`;
    byDefinition.set(key, [...(byDefinition.get(key) ?? []), step]);
  }
  const records: ApplyRecord[] = [];
  for (const group of byDefinition.values()) {
    const applied = group.filter((step) => step.outcome === 'applied');
    if (applied.length === 0) continue;
    const first = group[0]!;
    records.push({
      bundleHash,
      channel: first.channel,
      sequence: first.chaincode!.sequence,
      chaincode: {
        name: first.chaincode!.name,
        organization: identity.organization.name,
        mspId: identity.signer.mspId,
      },
      txIds: applied.flatMap((step) => (step.txId ? [step.txId] : [])),
      blockNumbers: [],
      appliedAt: appliedAt.toISOString(),
      signers: [identity.signer.mspId],
      steps: applied.map((step) => ({
        action: step.action,
        target: step.target,
        ...(step.txId ? { txId: step.txId } : {}),
      })),
    });
  }
  return records;
}
