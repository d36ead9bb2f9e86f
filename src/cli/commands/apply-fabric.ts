// `netspec apply <bundle>` (no target flag): the bundle's Fabric part applied to the live network, only after
// `verify` is satisfied, and only the bundle's own bytes (never a fresh plan). Re-running an applied bundle does
// nothing and says so. Each applied change leaves a record in `<network>/applied/`: `<channel>-<sequence>.json`
// for a channel, `<channel>-chaincode-<name>-<sequence>-<org>.json` for an org's chaincode lifecycle steps.
import type { ApplyStep } from '../../apply/fabric/index.js';
import { applyFabricBundle, applyRecordFile, chooseIdentity, renderApplyRecord } from '../../apply/fabric/index.js';
import { EXIT_ERROR, EXIT_OK, EXIT_PENDING } from '../exit-codes.js';
import { renderProblems, writeFileAtomic } from '../output.js';
import type { ApplyOptions } from './_apply-options.js';
import { codedDetail, connectionOptions, identityRefused, lineReporter } from './fabric-connection-options.js';
import { verifiedForApply } from './verified-bundle.js';

export async function runApply(bundle: string, options: ApplyOptions): Promise<number> {
  // Signatures are judged exactly as the orderer will judge them before anything is sent, against the network's
  // own spec and state; what was checked is what is sent.
  const verified = await verifiedForApply(bundle, options, 'nothing was sent');
  if (!verified) return EXIT_ERROR;
  const model = verified.model;
  const connection = connectionOptions(options);
  const chosen = chooseIdentity(model, {
    ...(options.org ? { org: options.org } : {}),
    ...(options.cert ? { certFile: options.cert } : {}),
    ...(options.key ? { keyFile: options.key } : {}),
  });
  if ('error' in chosen) throw identityRefused(chosen);

  const report = lineReporter<ApplyStep>(
    // A failed step names its code, as validate and verify print theirs.
    (step) => `${step.outcome.padEnd(8)} ${step.channel} ${step.action} ${step.target}: ${codedDetail(step)}`,
  );
  if (options.dryRun) {
    process.stdout.write(`dry run: verify is ${verified.report.status}; nothing was sent\n`);
    return verified.report.status === 'satisfied' ? EXIT_OK : EXIT_ERROR;
  }
  const result = await applyFabricBundle({
    verified,
    identity: chosen.identity,
    connection,
    commitTimeoutMs: connection.timeoutMs ?? 60_000,
    ...(process.env.NETSPEC_FABRIC_POLL_MS ? { pollMs: Number(process.env.NETSPEC_FABRIC_POLL_MS) } : {}),
    onStep: report,
  });
  if (result.refused.length > 0) {
    process.stderr.write(`${renderProblems(result.refused, 'text')}\n`);
    return EXIT_ERROR;
  }
  for (const record of result.records)
    writeFileAtomic(applyRecordFile(model.specDir, record), renderApplyRecord(record));

  const count = (outcome: ApplyStep['outcome']) => result.steps.filter((step) => step.outcome === outcome).length;
  const failed = count('failed') + count('skipped');
  // A chaincode commit waits for other organizations' approvals: pending, not failed, and not "already applied".
  const waiting = count('waiting');
  const others = delegatedLines(result.steps);
  if (result.steps.length === 0) process.stdout.write('nothing to apply: the bundle has no Fabric channel change\n');
  else if (count('applied') === 0 && failed === 0 && waiting === 0)
    process.stdout.write(
      'already applied: the live network already has every change of this bundle; nothing was sent\n',
    );
  else
    process.stdout.write(
      `${count('applied')} applied, ${count('already')} already in place, ${waiting} waiting for other organizations, ${failed} not applied` +
        `${
          failed > 0
            ? `: ${result.steps
                .filter((s) => s.outcome === 'failed' || s.outcome === 'skipped')
                .map((s) => `${s.channel} (${s.target})`)
                .join(', ')}`
            : ''
        }\n`,
    );
  // What only other organizations can do (with their own keys): said after every run, so nobody takes it as done.
  if (others.length > 0)
    process.stdout.write(`still to do by other organizations:\n${others.map((line) => `  ${line}\n`).join('')}`);
  return failed > 0 ? EXIT_ERROR : waiting > 0 ? EXIT_PENDING : EXIT_OK;
}

const DELEGATED_VERBS: Partial<Record<ApplyStep['action'], [string, string]>> = {
  'join-orderer': ['join', 'to'],
  'join-peer': ['join', 'to'],
  'unjoin-peer': ['unjoin', 'from'],
};

/** `manufacturer: join peer0, peer1 to distribution`, one line per org, action and channel. */
export function delegatedLines(steps: readonly ApplyStep[]): string[] {
  const grouped = new Map<string, string[]>();
  for (const step of steps) {
    if (step.outcome !== 'delegated') continue;
    const [org, node] = step.target.split('/');
    const [verb, preposition] = DELEGATED_VERBS[step.action] ?? [step.action, 'on'];
    const key = `${org}: ${verb}\0${preposition} ${step.channel}`;
    grouped.set(key, [...(grouped.get(key) ?? []), node === '*' ? 'its peers' : (node ?? step.target)]);
  }
  return [...grouped].map(([key, nodes]) => key.replace('\0', ` ${nodes.join(', ')} `));
}
