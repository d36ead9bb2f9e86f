// A proposal from the console: the edit applied to network.yaml as committed at HEAD, validated and planned
// against the network's state/ (the plan is shown before anything is written), then, when asked, committed on a
// new local branch with git's plumbing (a private index, commit-tree, a ref created only if it does not exist):
// the working tree, the index and the checked-out branch are never touched. Publishing is the user's: the answer
// carries the `git push` and `gh pr create` to run. Nothing here talks to a Fabric or Quorum node, or to a remote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { loadSpec } from '../../compiler/load-spec.js';
import type { EditCommitted, EditPreview } from '../console-documents.js';
import { type ConsoleNetwork, planDocument } from '../console-repository.js';
import { unifiedDiff } from './line-diff.js';
import { applyEdit, parseEdit } from './spec-edit.js';

export async function proposeEdit(
  root: string,
  network: ConsoleNetwork,
  body: string,
  commit: boolean,
): Promise<EditPreview | EditCommitted | { error: string }> {
  const edit = parseEdit(body);
  if ('error' in edit) return edit;
  const file = `${network.path}/network.yaml`;
  const git = (args: string[], input?: string, env?: NodeJS.ProcessEnv) =>
    execFileSync('git', args, {
      cwd: root,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_LITERAL_PATHSPECS: '1', ...env },
    })
      .toString('utf8')
      .trim();
  let head: string;
  let before: string;
  try {
    head = git(['rev-parse', '--verify', 'HEAD^{commit}']);
    // Not through git(): its answer is trimmed, and the file's bytes must stay exactly as committed.
    before = execFileSync('git', ['cat-file', 'blob', `${head}:${file}`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('utf8');
  } catch {
    return { error: `${file} is not committed in a git repository: a proposal is a commit on a new branch` };
  }
  const specFile = join(network.folder, 'network.yaml');
  const base = loadSpec(specFile, { bytes: new TextEncoder().encode(before) });
  if (!base.value || hasErrors(base.diagnostics))
    return { error: `${file} at HEAD does not load: ${base.diagnostics[0]?.message ?? 'unknown error'}` };
  const edited = applyEdit(before, base.value.model, edit);
  if ('error' in edited) return edited;
  const bytes = new TextEncoder().encode(edited.text);
  const loaded = loadSpec(specFile, { bytes });
  if (!loaded.value || hasErrors(loaded.diagnostics))
    return {
      error: `the edited spec does not validate: ${loaded.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.code} ${d.message}`)
        .join('; ')}`,
    };
  const planned = planDocument(network, bytes);
  if ('error' in planned) return planned;
  const working = readFileSync(specFile, 'utf8');
  const preview: EditPreview = {
    subject: edited.subject,
    file,
    diff: unifiedDiff(before, edited.text, file),
    plan: JSON.parse(planned.json),
    ...(working !== before
      ? { note: `${file} has uncommitted changes; the proposal starts from the committed file (HEAD)` }
      : {}),
  };
  if (!commit) return preview;

  const baseBranch = currentBranch(git);
  const branch = freeBranchName(git, `netspec/${slugOf(network.name)}/${slugOf(edited.slug)}`);
  const indexDir = mkdtempSync(join(tmpdir(), 'netspec-console-index-'));
  let created: string;
  try {
    const env = { GIT_INDEX_FILE: join(indexDir, 'index') };
    const blob = git(['hash-object', '-w', '--stdin', '--path', file], edited.text);
    git(['read-tree', head], undefined, env);
    git(['update-index', '--cacheinfo', `100644,${blob},${file}`], undefined, env);
    const tree = git(['write-tree'], undefined, env);
    created = git(['commit-tree', tree, '-p', head, '-F', '-'], `${edited.subject}\n`);
    // An empty old value: the ref is created only if no branch of that name appeared meanwhile.
    git(['update-ref', `refs/heads/${branch}`, created, '']);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    return { error: `git could not commit the proposal: ${stderr || (error as Error).message}` };
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
  return {
    ...preview,
    branch,
    commit: created,
    base: baseBranch,
    commands: [
      `git push -u origin ${branch}`,
      `gh pr create --base ${baseBranch} --head ${branch} --title ${shellQuote(edited.subject)} --body ${shellQuote(
        `Proposed with netspec console. CI plans it; each organization signs the bundle (netspec sign).`,
      )}`,
    ],
  };
}

function currentBranch(git: (args: string[]) => string): string {
  try {
    return git(['symbolic-ref', '--short', 'HEAD']);
  } catch {
    return 'main';
  }
}

/** `wanted`, or `wanted-2`, `-3`… when a branch of that name exists. */
function freeBranchName(git: (args: string[]) => string, wanted: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted}-${n}`;
    try {
      git(['rev-parse', '--verify', '--quiet', `refs/heads/${name}`]);
    } catch {
      return name;
    }
  }
}

/** Letters, digits, dots and dashes only: a name git accepts as a branch and a shell takes unquoted. */
function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'edit'
  );
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
