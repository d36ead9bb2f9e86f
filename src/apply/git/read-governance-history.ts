// A network's governance log from git alone: every commit on the main line (first parents: one event per merged
// PR, not per branch commit) that touched the network folder, with the spec diff, the signature files and the
// apply records it brought. Read-only: it runs `git log`, `git diff` and `git show` through simple-git.
import { type SimpleGit, simpleGit } from 'simple-git';
import type { AppliedEvent, GovernanceEvent, GovernanceHistory, SignatureEvent } from './governance-event.js';
import { pullRequestNumber } from './pull-request-number.js';
import { summarizeSpecChange } from './spec-change-summary.js';

const FIELD = '\u001f';
const RECORD = '\u001e';
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
  const git = simpleGit({ baseDir: input.repoRoot });
  const folder = input.networkPath.replace(/\/+$/, '');
  const log = await git.raw([
    'log',
    '--first-parent',
    `--format=${['%H', '%P', '%aI', '%an', '%ae', '%s'].join('%x1f')}%x1e`,
    input.revision ?? 'HEAD',
    '--',
    folder,
  ]);
  const events: GovernanceEvent[] = [];
  for (const entry of log.split(RECORD)) {
    const fields = entry.replace(/^\n+/, '').split(FIELD);
    if (fields.length < 6) continue;
    const [commit, parentText, date, name, email, subject] = fields as [string, string, string, string, string, string];
    const parents = parentText.split(' ').filter(Boolean);
    events.push(await readEvent(git, folder, { commit, parents, date, name, email, subject }));
  }
  return { network: folder.split('/').pop() ?? folder, path: folder, events };
}

interface CommitLine {
  commit: string;
  parents: string[];
  date: string;
  name: string;
  email: string;
  subject: string;
}

async function readEvent(git: SimpleGit, folder: string, line: CommitLine): Promise<GovernanceEvent> {
  const parent = line.parents[0];
  // Against the first parent: for a merge commit that is everything the PR brought to the main line.
  const nameStatus = parent
    ? await git.raw(['diff', '--no-renames', '--name-status', parent, line.commit, '--', folder])
    : await git.raw([
        'diff-tree',
        '-r',
        '--root',
        '--no-renames',
        '--no-commit-id',
        '--name-status',
        line.commit,
        '--',
        folder,
      ]);
  const changed = nameStatus
    .split('\n')
    .filter(Boolean)
    .map((row) => {
      const [status = '', path = ''] = row.split('\t');
      return { status: status.charAt(0), path };
    });
  const inside = (path: string) => path.slice(folder.length + 1);

  const specPath = `${folder}/network.yaml`;
  const spec = changed.find((file) => file.path === specPath);
  const specChanges = spec
    ? summarizeSpecChange(
        parent && spec.status !== 'A' ? await showFile(git, parent, specPath) : undefined,
        spec.status !== 'D' ? await showFile(git, line.commit, specPath) : undefined,
      )
    : [];

  const signatures: SignatureEvent[] = [];
  const applied: AppliedEvent[] = [];
  for (const file of changed) {
    const relative = inside(file.path);
    const signature = /^(?:(.*)\/)?signatures\/([^/]+)\/([^/]+)\.json$/.exec(relative);
    if (signature) {
      const text = file.status === 'D' ? undefined : await showFile(git, line.commit, file.path);
      signatures.push(signatureEvent(file.path, file.status, signature[1] ?? '.', signature[2]!, signature[3]!, text));
      continue;
    }
    if (/^applied\/[^/]+\.json$/.test(relative) && file.status !== 'D') {
      applied.push(appliedEvent(file.path, await showFile(git, line.commit, file.path)));
    }
  }
  const pullRequest = pullRequestNumber(line.subject);
  return {
    commit: line.commit,
    parents: line.parents,
    date: line.date,
    author: { name: line.name, email: line.email },
    subject: line.subject,
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    files: changed
      .map((file) => ({ status: file.status, path: inside(file.path) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    specChanges,
    signatures: signatures.sort((a, b) => (a.path < b.path ? -1 : 1)),
    applied: applied.sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}

async function showFile(git: SimpleGit, commit: string, path: string): Promise<string | undefined> {
  try {
    const size = Number((await git.raw(['cat-file', '-s', `${commit}:${path}`])).trim());
    if (!(size <= MAX_RECORD_BYTES)) return undefined;
    return await git.show([`${commit}:${path}`]);
  } catch {
    return undefined;
  }
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

/**
 * A signature file as `netspec sign` writes it (governance/signature-file.ts). Only descriptive fields are read
 * (signer, signedAt, updateSha256):
 * whether the signature is valid is `netspec verify`'s question, answered against the channel config.
 */
function signatureEvent(
  path: string,
  status: string,
  bundle: string,
  channel: string,
  fileMspId: string,
  text: string | undefined,
): SignatureEvent {
  const json = parseJsonObject(text) ?? {};
  const signerValue = json.signer;
  const signer =
    typeof signerValue === 'string'
      ? signerValue
      : signerValue && typeof signerValue === 'object'
        ? stringField(signerValue as Record<string, unknown>, ['subject', 'name', 'id'])
        : undefined;
  const signedAt = stringField(json, ['signedAt', 'time']);
  const updateHash = stringField(json, ['updateSha256', 'updateHash']);
  return {
    path,
    change: CHANGE[status as keyof typeof CHANGE] ?? 'modified',
    bundle,
    channel,
    mspId: stringField(json, ['mspId']) ?? fileMspId,
    ...(signer ? { signer } : {}),
    ...(signedAt ? { signedAt } : {}),
    ...(updateHash ? { updateHash } : {}),
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
