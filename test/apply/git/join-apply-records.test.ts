// Apply records joined by the SHA-256 of the bundle's plan.json, in a real repository: to the change that brought
// the bundle, flagged when that bundle holds no signatures, REWRITTEN when no plan.json in the history has the
// hash any more (the commit was amended after the apply), and flagged when the bundle never reached the main line.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGovernanceHistory } from '../../../src/apply/git/index.js';
import { createTempRepo } from '../../e2e/_git-repo.js';

const who = { name: 'Olga', email: 'olga@example.com' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function record(plan: string, sequence: number) {
  return {
    bundleHash: sha256(plan),
    channel: 'ch',
    sequence,
    txIds: ['f00d'],
    blockNumbers: [sequence],
    appliedAt: '2026-03-01T00:00:00Z',
    signers: ['AMSP'],
  };
}

describe('apply records joined to the bundle they applied', () => {
  const repo = createTempRepo('netspec-join-');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo.root, path)), { recursive: true });
    writeFileSync(join(repo.root, path), text);
  };
  const commitFile = (path: string, text: string, message: string) => {
    write(path, text);
    return repo.commit(message, [path], who);
  };
  commitFile('networks/n/network.yaml', 'name: n\n', 'Create n');
  const planned = commitFile('networks/n/bundle/plan.json', '{"plan":1}\n', 'Plan 1');
  const firstRecord = commitFile('networks/n/applied/ch-1.json', JSON.stringify(record('{"plan":1}\n', 1)), 'Apply 1');

  // Applied, then the bundle commit amended (the applied plan.json exists nowhere any more), then recorded.
  commitFile('networks/n/bundle/plan.json', '{"plan":2}\n', 'Plan 2');
  write('networks/n/bundle/plan.json', '{"plan":3}\n');
  repo.git(['add', 'networks/n/bundle/plan.json']);
  repo.git(['commit', '-q', '--amend', '--no-edit']);
  const rewrittenRecord = commitFile(
    'networks/n/applied/ch-2.json',
    JSON.stringify(record('{"plan":2}\n', 2)),
    'Apply 2',
  );

  // A branch whose first bundle was applied, though only its second reached main.
  repo.git(['checkout', '-q', '-b', 'side']);
  const sideCommit = commitFile('networks/n/bundle/plan.json', '{"plan":4}\n', 'Plan 4');
  commitFile('networks/n/bundle/plan.json', '{"plan":5}\n', 'Plan 5');
  repo.git(['checkout', '-q', 'main']);
  repo.merge('side', 'Merge pull request #9 from o/side', who);
  const branchRecord = commitFile('networks/n/applied/ch-3.json', JSON.stringify(record('{"plan":4}\n', 3)), 'Apply 3');

  it('joins, flags and reports each record', async () => {
    const history = await readGovernanceHistory({ repoRoot: repo.root, networkPath: 'networks/n' });
    const recordOf = (commit: string) => history.events.find((event) => event.commit === commit)?.applied[0];

    expect(recordOf(firstRecord)).toMatchObject({
      producedBy: { commit: planned, bundle: 'bundle' },
      unsigned: `no signed bundle: there is no networks/n/bundle/fabric/ch/update.pb at ${firstRecord.slice(0, 12)} for it to sign`,
    });
    expect(recordOf(firstRecord)?.rewritten).toBeUndefined();

    expect(recordOf(rewrittenRecord)).toMatchObject({
      rewritten: `no plan.json in the history hashes to ${sha256('{"plan":2}\n').slice(0, 12)}: the bundle that was applied was rewritten or never committed`,
    });
    expect(recordOf(rewrittenRecord)?.producedBy).toBeUndefined();

    expect(recordOf(branchRecord)).toMatchObject({
      unsigned: `the bundle it applied (plan.json sha256 ${sha256('{"plan":4}\n').slice(0, 12)}) is only on commit ${sideCommit.slice(0, 12)}, never merged into the main line`,
    });
  });
});
