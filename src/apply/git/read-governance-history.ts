// A network's governance log from git alone: every commit on the main line (first parents: one event per merged
// PR, not per branch commit) that touched the network folder, with who proposed and who merged it, the spec diff,
// the signature files it brought (each judged, see judge-signatures-at.ts) and the apply records it brought
// (joined to the change whose bundle they applied, see join-apply-records.ts). Read-only: `git log`, `git diff`,
// `git ls-tree` and `git cat-file`, run without a shell.
import type { AppliedEvent, GovernanceEvent, GovernanceHistory, Person, SignatureEvent } from './governance-event.js';
import { joinApplyRecords } from './join-apply-records.js';
import { judgeSignaturesAt, type SignaturesAt } from './judge-signatures-at.js';
import { pullRequestNumber } from './pull-request-number.js';
import { RepositoryReader } from './repository-reader.js';
import { summarizeSpecChange } from './spec-change-summary.js';

const FIELD = '\u001f';
const RECORD = '\u001e';
const LOG_FORMAT = ['%H', '%P', '%aI', '%an', '%ae', '%cI', '%cn', '%ce', '%s'];
/** Files larger than this are not read as signatures or apply records (they are small JSON documents). */
const MAX_RECORD_BYTES = 1024 * 1024;

export interface HistoryInput {
  /** The repository root (what `git rev-parse --show-toplevel` prints). */
  repoRoot: string;
  /** The network folder relative to the root, POSIX (e.g. `networks/supply-chain`). */
  networkPath: string;
  /** Limit to this revision (default HEAD). */
  revision?: string;
}

export async function readGovernanceHistory(input: HistoryInput): Promise<GovernanceHistory> {
  const reader = new RepositoryReader(input.repoRoot);
  const folder = input.networkPath.replace(/\/+$/, '');
  const revision = input.revision ?? 'HEAD';
  const log = reader
    .run(['log', '--first-parent', `--format=${LOG_FORMAT.join('%x1f')}%x1e`, revision, '--', folder])
    .toString('utf8');
  const events: GovernanceEvent[] = [];
  for (const entry of log.split(RECORD)) {
    const fields = entry.replace(/^\n+/, '').split(FIELD);
    if (fields.length < LOG_FORMAT.length) continue;
    const [commit, parentText, date, name, email, committedAt, committerName, committerEmail, subject] =
      fields as string[] as [string, string, string, string, string, string, string, string, string];
    events.push(
      readEvent(reader, folder, {
        commit,
        parents: parentText.split(' ').filter(Boolean),
        date,
        author: { name, email },
        committer: { name: committerName, email: committerEmail, date: committedAt },
        subject,
      }),
    );
  }
  joinApplyRecords(reader, folder, revision, events);
  return { network: folder.split('/').pop() ?? folder, path: folder, events };
}

interface CommitLine {
  commit: string;
  parents: string[];
  date: string;
  author: Person;
  committer: Person & { date: string };
  subject: string;
}

function readEvent(reader: RepositoryReader, folder: string, line: CommitLine): GovernanceEvent {
  const parent = line.parents[0];
  // Against the first parent: for a merge commit that is everything the PR brought to the main line.
  const nameStatus = parent
    ? reader.run(['diff', '--no-renames', '--name-status', '-z', parent, line.commit, '--', folder])
    : reader.run([
        'diff-tree',
        '-r',
        '--root',
        '--no-renames',
        '--no-commit-id',
        '--name-status',
        '-z',
        line.commit,
        '--',
        folder,
      ]);
  const fields = nameStatus.toString('utf8').split('\0');
  const changed: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changed.push({ status: fields[i]!.charAt(0), path: fields[i + 1]! });
  const inside = (path: string) => path.slice(folder.length + 1);
  const show = (commit: string, path: string) => smallText(reader, commit, folder, path);

  const specPath = `${folder}/network.yaml`;
  const spec = changed.find((file) => file.path === specPath);
  const specChanges = spec
    ? summarizeSpecChange(
        parent && spec.status !== 'A' ? show(parent, specPath) : undefined,
        spec.status !== 'D' ? show(line.commit, specPath) : undefined,
      )
    : [];

  // Signatures are judged per bundle and channel, all of that channel's files together (a repeated identity
  // counts once, as the orderer counts it), at this commit, against the config on the main line before it.
  const judged = new Map<string, SignaturesAt>();
  const judge = (bundleDir: string, channel: string) => {
    const key = `${bundleDir}\0${channel}`;
    let result = judged.get(key);
    if (!result) {
      result = judgeSignaturesAt({
        reader,
        folder,
        commit: line.commit,
        configCommit: parent ?? line.commit,
        bundleDir,
        channel,
        now: new Date(line.date),
      });
      judged.set(key, result);
    }
    return result;
  };

  const signatures: SignatureEvent[] = [];
  const applied: AppliedEvent[] = [];
  for (const file of changed) {
    const relative = inside(file.path);
    const signature = /^(?:(.*)\/)?signatures\/([^/]+)\/([^/]+)\.json$/.exec(relative);
    if (signature) {
      const bundle = signature[1] ?? '.';
      const channel = signature[2]!;
      const base = {
        path: file.path,
        change: CHANGE[file.status as keyof typeof CHANGE] ?? 'modified',
        bundle,
        channel,
      };
      if (file.status === 'D') {
        signatures.push({ ...base, mspId: signature[3]!, status: 'removed' });
        continue;
      }
      const claims = fileClaims(show(line.commit, file.path));
      const verdict = judge(bundle === '.' ? folder : `${folder}/${bundle}`, channel).files.get(file.path) ?? {
        valid: false,
        reason: 'the file could not be read',
      };
      signatures.push({
        ...base,
        mspId: claims.mspId ?? signature[3]!,
        status: verdict.valid ? 'valid' : 'invalid',
        ...(verdict.valid && verdict.signer ? { signer: verdict.signer } : {}),
        ...(verdict.valid ? {} : { reason: verdict.reason ?? 'the signature does not count' }),
        ...(!verdict.valid && claims.signer ? { claimedSigner: claims.signer } : {}),
        ...(claims.signedAt ? { signedAt: claims.signedAt } : {}),
        ...(claims.updateHash ? { updateHash: claims.updateHash } : {}),
      });
      continue;
    }
    if (/^applied\/[^/]+\.json$/.test(relative) && file.status !== 'D') {
      applied.push(appliedEvent(file.path, show(line.commit, file.path)));
    }
  }

  const pullRequest = pullRequestNumber(line.subject);
  const merge = line.parents.length >= 2 ? pullRequestAuthors(reader, line.parents[0]!, line.parents[1]!) : undefined;
  const rewritten =
    line.parents.length >= 2 && Date.parse(line.committer.date) !== Date.parse(line.date)
      ? [`the merge commit was amended or recreated: authored ${line.date}, committed ${line.committer.date}`]
      : [];
  return {
    commit: line.commit,
    parents: line.parents,
    date: line.date,
    author: line.author,
    committer: line.committer,
    proposer: merge?.[0] ?? line.author,
    ...(merge ? { mergedBy: line.author, contributors: merge } : {}),
    subject: line.subject,
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    files: changed
      .map((file) => ({ status: file.status, path: inside(file.path) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    specChanges,
    signatures: signatures.sort((a, b) => (a.path < b.path ? -1 : 1)),
    applied: applied.sort((a, b) => (a.path < b.path ? -1 : 1)),
    ...(rewritten.length > 0 ? { rewritten } : {}),
  };
}

/**
 * The authors of a merged branch's commits (those reachable from the merged head, not from the main line before),
 * oldest first, each once. The first is the proposer: who opened the change. The branch's last commit is often
 * someone else's (an organization adding its signature), so the merged head's author would name the wrong person.
 */
function pullRequestAuthors(reader: RepositoryReader, base: string, head: string): Person[] | undefined {
  let text: string;
  try {
    text = reader.run(['log', '--reverse', '--format=%an%x1f%ae', `${base}..${head}`]).toString('utf8');
  } catch {
    return undefined;
  }
  const people: Person[] = [];
  for (const row of text.split('\n').filter(Boolean)) {
    const [name = '', email = ''] = row.split(FIELD);
    if (!people.some((person) => person.email === email && person.name === name)) people.push({ name, email });
  }
  return people.length > 0 ? people : undefined;
}

function smallText(reader: RepositoryReader, commit: string, folder: string, path: string): string | undefined {
  const id = reader.filesAt(commit, folder).get(path);
  if (id === undefined) return undefined;
  const size = Number(reader.run(['cat-file', '-s', id]).toString('utf8').trim());
  return size <= MAX_RECORD_BYTES ? reader.blob(id).toString('utf8') : undefined;
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const CHANGE = { A: 'added', M: 'modified', D: 'removed' } as const;

/** What a signature file says about itself: shown as a claim beside the verdict, never as the verdict. */
function fileClaims(text: string | undefined): {
  mspId?: string;
  signer?: string;
  signedAt?: string;
  updateHash?: string;
} {
  const json = parseJsonObject(text) ?? {};
  const mspId = stringField(json, ['mspId']);
  const signer = stringField(json, ['signer']);
  const signedAt = stringField(json, ['signedAt']);
  const updateHash = stringField(json, ['updateSha256']);
  return {
    ...(mspId && /^[A-Za-z0-9.-]+$/.test(mspId) ? { mspId } : {}),
    ...(signer ? { signer: signer.slice(0, 200) } : {}),
    ...(signedAt ? { signedAt: signedAt.slice(0, 40) } : {}),
    ...(updateHash ? { updateHash: updateHash.slice(0, 64) } : {}),
  };
}

function stringField(object: Record<string, unknown>, names: string[]): string | undefined {
  for (const name of names) if (typeof object[name] === 'string') return object[name] as string;
  return undefined;
}

function appliedEvent(path: string, text: string | undefined): AppliedEvent {
  const json = parseJsonObject(text);
  if (!json) return { path, problem: 'not a JSON object' };
  const sequence = json.sequence;
  const wellFormed =
    typeof json.channel === 'string' &&
    (typeof sequence === 'number' || typeof sequence === 'string') &&
    typeof json.appliedAt === 'string';
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const named = json.chaincode as Record<string, unknown> | undefined;
  const chaincode =
    named && typeof named === 'object' && typeof named.name === 'string'
      ? { name: named.name, organization: String(named.organization ?? ''), mspId: String(named.mspId ?? '') }
      : undefined;
  return {
    path,
    ...(typeof json.bundleHash === 'string' ? { bundleHash: json.bundleHash } : {}),
    ...(typeof json.channel === 'string' ? { channel: json.channel } : {}),
    ...(typeof sequence === 'number' || typeof sequence === 'string' ? { sequence } : {}),
    txIds: strings(json.txIds),
    blockNumbers: Array.isArray(json.blockNumbers) ? (json.blockNumbers as (number | string)[]) : [],
    ...(typeof json.appliedAt === 'string' ? { appliedAt: json.appliedAt } : {}),
    signers: strings(json.signers),
    ...(chaincode ? { chaincode } : {}),
    ...(wellFormed ? {} : { problem: 'lacks channel, sequence or appliedAt' }),
  };
}
