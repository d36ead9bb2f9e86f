// A small plan bundle for the PR tests: one update of channel `distribution` whose /Channel/Application/Admins
// policy is MAJORITY of the three member orgs' Admins (2 of 3), as the plan stage records it; and verify reports.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../../src/compiler/diagnostics/index.js';
import type { Plan } from '../../../src/compiler/plan/index.js';
import type { SignatureVerdict, VerifyReport } from '../../../src/governance/verify-report.js';
import type { Requirement } from '../../../src/policy/index.js';
import { writeTestBundle } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

export const SPEC = join(repoRoot, 'networks/supply-chain/network.yaml');
export const MEMBERS = ['DistributorMSP', 'ManufacturerMSP', 'RetailerMSP'];

const orgAdmins = (mspId: string): Requirement => ({
  kind: 'signature',
  path: `/Channel/Application/${mspId}/Admins`,
  rule: { kind: 'signedBy', principal: { mspId, role: 'ADMIN' } },
});

export function governancePlan(): Plan {
  return {
    formatVersion: 1,
    network: 'supply-chain',
    specHash: '0'.repeat(64),
    specFile: SPEC,
    stateDir: 'state',
    channels: [
      {
        channel: 'distribution',
        action: 'update',
        baseSequence: '3',
        baseBlock: '7',
        delta: [],
        signers: [
          {
            policyPath: '/Channel/Application/Admins',
            requirement: {
              kind: 'implicitMeta',
              path: '/Channel/Application/Admins',
              rule: 'MAJORITY',
              subPolicy: 'Admins',
              threshold: 2,
              of: MEMBERS.map(orgAdmins),
            },
            summary:
              '/Channel/Application/Admins: MAJORITY of {DistributorMSP, ManufacturerMSP, RetailerMSP} admins -> 2 of 3',
            mspIds: MEMBERS,
            writes: ['/Channel/Application/BatchTimeout'],
          },
        ],
        artifact: 'fabric/distribution/update.pb',
        artifactHash: 'ab'.repeat(32),
        members: MEMBERS,
        ordererOrgs: ['OperatorMSP'],
      },
      {
        channel: 'production',
        action: 'noop',
        delta: [],
        signers: [],
        members: ['DistributorMSP', 'ManufacturerMSP'],
        ordererOrgs: ['OperatorMSP'],
      },
    ],
    chaincodes: [],
    quorum: [],
    kubernetes: [],
    guards: [],
    summary: {
      channelsCreated: 0,
      channelsUpdated: 1,
      channelsUnchanged: 1,
      chaincodeChanges: 0,
      validatorVotes: 0,
      kubernetesChanges: 0,
      blocked: false,
      hasChanges: true,
    },
  };
}

export const PLAN_MARKDOWN = '# netspec plan: supply-chain\n\nChannel `distribution`: update BatchTimeout 1s -> 2s\n';

export function writeGovernanceBundle(plan: Plan = governancePlan()): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'netspec-pr-bundle-')), 'bundle');
  writeTestBundle(dir, plan, new Map([['fabric/distribution/update.pb', new Uint8Array([1, 2, 3])]]), PLAN_MARKDOWN);
  return dir;
}

export function signature(mspId: string, valid: boolean, reason?: string): SignatureVerdict {
  return {
    source: `signatures/distribution/${mspId}.json`,
    mspId,
    valid,
    admin: valid,
    ...(reason ? { reason } : {}),
  };
}

/** A report as verify writes it; its requirement verdicts are not what pr status decides by, so kept simple. */
export function verifyReport(signatures: SignatureVerdict[], problems: Problem[] = []): VerifyReport {
  const signedBy = signatures.filter((s) => s.valid).map((s) => s.mspId);
  const status = problems.length > 0 ? 'invalid' : signedBy.length >= 2 ? 'satisfied' : 'waiting';
  return {
    status,
    updates: [
      {
        channel: 'distribution',
        status,
        problems,
        requirements: [
          {
            policyPath: '/Channel/Application/Admins',
            summary: 'MAJORITY',
            satisfied: signedBy.length >= 2,
            signedBy,
            waitingFor: MEMBERS.filter((m) => !signedBy.includes(m)),
          },
        ],
        signatures,
      },
    ],
  };
}
