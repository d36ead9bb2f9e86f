// Apply records joined to the change that produced them. A record names its bundle only by the SHA-256 of the
// bundle's plan.json (which lists every artifact by its own hash), so the join is by hash, never by a path or a
// commit the record could name: the oldest main-line commit holding a plan.json with that hash is the change
// that was applied. Then three questions, each answered from git alone:
//  - signed?   the signatures committed beside that bundle (at the record's commit, or the last main-line commit
//              that still held the bundle) satisfy the channel's policy, judged against the config of its time;
//  - rewritten? no plan.json anywhere in the history hashes to the record's bundleHash (the bundle that was
//              applied is gone from history), or the producing commit was committed after the apply itself;
//  - merged?   a bundle found only on a branch commit was applied without going through the main line.
import { sha256Hex } from '../../bytes.js';
import type { AppliedEvent, GovernanceEvent } from './governance-event.js';
import { judgeSignaturesAt } from './judge-signatures-at.js';
import type { RepositoryReader } from './repository-reader.js';

/** `events` newest first, as the log gives them; records gain producedBy / unsigned / rewritten in place. */
export function joinApplyRecords(
  reader: RepositoryReader,
  folder: string,
  revision: string,
  events: GovernanceEvent[],
): void {
  const plans = new PlanIndex(reader, folder);
  let anywhere: Map<string, string> | undefined;
  for (let index = 0; index < events.length; index++) {
    const recordEvent = events[index]!;
    for (const record of recordEvent.applied) {
      if (record.problem || !record.bundleHash || !record.channel) continue;
      const hash = record.bundleHash;
      // Main-line events from the oldest up to the record's own commit.
      const earlier = events.slice(index).reverse();
      const producer = earlier.find((event) => plans.at(event.commit).has(hash));
      if (!producer) {
        anywhere ??= plans.anywhere(revision);
        const branchCommit = anywhere.get(hash);
        if (branchCommit) {
          record.unsigned = `the bundle it applied (plan.json sha256 ${hash.slice(0, 12)}) is only on commit ${branchCommit.slice(0, 12)}, never merged into the main line`;
        } else {
          record.rewritten = `no plan.json in the history hashes to ${hash.slice(0, 12)}: the bundle that was applied was rewritten or never committed`;
        }
        continue;
      }
      const bundleDir = plans.at(producer.commit).get(hash)!;
      record.producedBy = {
        commit: producer.commit,
        bundle: bundleDir === folder ? '.' : bundleDir.slice(folder.length + 1),
        ...(producer.pullRequest !== undefined ? { pullRequest: producer.pullRequest } : {}),
      };
      if (record.appliedAt && Date.parse(producer.committer.date) > Date.parse(record.appliedAt)) {
        producer.rewritten = [
          ...(producer.rewritten ?? []),
          `committed ${producer.committer.date}, after ${record.path.slice(folder.length + 1)} applied its bundle at ${record.appliedAt}`,
        ];
      }
      // Chaincode lifecycle steps are endorsed by each organization's own peers, not signed in the bundle.
      if (record.chaincode) continue;
      const signedAt = earlier.filter((event) => plans.at(event.commit).get(hash) === bundleDir).at(-1)!;
      record.unsigned = unsignedReason(reader, folder, record, bundleDir, signedAt, producer);
      if (record.unsigned === undefined) delete record.unsigned;
    }
  }
}

function unsignedReason(
  reader: RepositoryReader,
  folder: string,
  record: AppliedEvent,
  bundleDir: string,
  signedAt: GovernanceEvent,
  producer: GovernanceEvent,
): string | undefined {
  const judged = judgeSignaturesAt({
    reader,
    folder,
    commit: signedAt.commit,
    configCommit: producer.parents[0] ?? producer.commit,
    bundleDir,
    channel: record.channel!,
    now: new Date(signedAt.date),
  });
  if (judged.problem) return `no signed bundle: ${judged.problem}`;
  const requirements = judged.update?.requirements ?? [];
  const unmet = requirements.filter((requirement) => !requirement.satisfied);
  if (requirements.length > 0 && unmet.length === 0) return undefined;
  const valid = [...judged.files.values()].filter((verdict) => verdict.valid).length;
  const detail =
    unmet.length > 0
      ? unmet.map((requirement) => `${requirement.policyPath} ${requirement.progress ?? 'not satisfied'}`).join('; ')
      : 'the update needs no signature the history can show';
  return `no signed bundle: at ${signedAt.commit.slice(0, 12)} the bundle holds ${valid} valid signature${valid === 1 ? '' : 's'} for channel ${record.channel} (${detail})`;
}

/** plan.json files by the SHA-256 of their bytes, per commit: hash -> the bundle folder holding it. */
class PlanIndex {
  private readonly byCommit = new Map<string, Map<string, string>>();
  private readonly hashOfBlob = new Map<string, string>();

  constructor(
    private readonly reader: RepositoryReader,
    private readonly folder: string,
  ) {}

  at(commit: string): Map<string, string> {
    let plans = this.byCommit.get(commit);
    if (plans) return plans;
    plans = new Map();
    for (const [path, blob] of this.reader.filesAt(commit, this.folder)) {
      if (path === `${this.folder}/plan.json` || path.endsWith('/plan.json'))
        plans.set(this.hash(blob), path.slice(0, -'/plan.json'.length));
    }
    this.byCommit.set(commit, plans);
    return plans;
  }

  /**
   * Every plan.json version any commit reachable from `revision` ever held (branch commits included): hash -> the
   * first commit (newest first, as git log walks) that wrote it.
   */
  anywhere(revision: string): Map<string, string> {
    const found = new Map<string, string>();
    const log = this.reader
      .run(['log', '--raw', '--no-abbrev', '--no-renames', '-m', '--format=%x1e%H', revision, '--', this.folder])
      .toString('utf8');
    for (const entry of log.split('\u001e')) {
      const [commit = '', ...rows] = entry.split('\n');
      for (const row of rows) {
        const match = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) \w+\t(.*)$/.exec(row);
        if (!match || !/(^|\/)plan\.json$/.test(match[2]!) || /^0+$/.test(match[1]!)) continue;
        const hash = this.hash(match[1]!);
        if (!found.has(hash)) found.set(hash, commit.trim());
      }
    }
    return found;
  }

  private hash(blob: string): string {
    let hash = this.hashOfBlob.get(blob);
    if (hash === undefined) {
      hash = sha256Hex(this.reader.blob(blob));
      this.hashOfBlob.set(blob, hash);
    }
    return hash;
  }
}
