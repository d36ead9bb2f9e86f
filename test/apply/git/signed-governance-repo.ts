// A real temporary repository holding the supply-chain network (spec, DEMO-ONLY crypto, committed state), driven
// through the real `netspec plan` and `netspec sign`, with the attacks an audit must see:
//  1. main: the network as it runs (Olga, the operator);
//  2. PR #7 from Carol: the retailer joins `distribution`, the bundle is planned; Alice signs for ManufacturerMSP;
//     Olga merges it. DistributorMSP has not signed: the update is 1 of 2.
//  3. after the merge, a DistributorMSP.json no Distributor admin made is committed on main (Mallory): a copy of
//     the manufacturer's signature renamed, claiming "Admin@distributor" in its `signer` text;
//  4. the apply record of distribution at config sequence 1, naming the merged bundle by its plan.json hash.
// With `amendMerge`, the merge commit is amended after the apply (it now carries the forged file itself) before
// the record is committed: the merge shows as REWRITTEN.
import { createHash, X509Certificate } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '../../e2e/_git-repo.js';
import { liveSpec, proposedSpec } from '../../e2e/_supply-chain-story.js';
import { repoRoot, runCli } from '../../helpers/run-cli.js';

export const NET = 'networks/supply-chain';
export const BUNDLE = `${NET}/bundle`;
export const SIGNATURES = `${BUNDLE}/signatures/distribution`;

export const people = {
  operator: { name: 'Olga Operator', email: 'olga@operator.supply.example.com' },
  carol: { name: 'Carol Initech', email: 'carol@retailer.supply.example.com' },
  alice: { name: 'Alice Acme', email: 'alice@manufacturer.supply.example.com' },
  mallory: { name: 'Mallory', email: 'mallory@example.com' },
  ci: { name: 'netspec', email: 'netspec@users.noreply.github.com' },
};

export const FORGED_SIGNER = 'O=distributor.supply.example.com, OU=admin, CN=Admin@distributor.supply.example.com';

export interface SignedRepo {
  repo: TempRepo;
  commits: { initial: string; merge: string; forged?: string; applied: string };
  bundleHash: string;
  appliedAt: string;
}

export function createSignedRepo(options: { amendMerge?: boolean } = {}): SignedRepo {
  const admin = `${NET}/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp`;
  const certificate = `${admin}/signcerts/Admin@manufacturer.supply.example.com-cert.pem`;
  // Signatures are judged at their commit's date: the story happens while the DEMO-ONLY certificates are valid.
  const validFrom = Date.parse(new X509Certificate(readFileSync(join(repoRoot, certificate))).validFrom);
  const repo = createTempRepo('netspec-signed-history-', new Date(validFrom + 86_400_000).toISOString());
  const at = (path: string) => join(repo.root, path);
  const cli = (args: string[], env: Record<string, string> = {}) => {
    const result = runCli(args, { cwd: repo.root, env });
    if (result.code !== 0 && result.code !== 2) throw new Error(`netspec ${args[0]} failed: ${result.stderr}`);
    return result;
  };
  for (const part of ['crypto', 'state']) cpSync(join(repoRoot, NET, part), at(`${NET}/${part}`), { recursive: true });
  const example = readFileSync(join(repoRoot, NET, 'network.yaml'), 'utf8');
  writeFileSync(at(`${NET}/network.yaml`), liveSpec(example));
  const initial = repo.commit('Create the supply-chain network', [NET], people.operator);

  repo.git(['checkout', '-q', '-b', 'retailer']);
  writeFileSync(at(`${NET}/network.yaml`), proposedSpec(liveSpec(example)));
  repo.commit('Retailer joins distribution', [`${NET}/network.yaml`], people.carol);
  cli(['plan', `${NET}/network.yaml`, '--out', BUNDLE], { SOURCE_DATE_EPOCH: String(repo.clock) });
  repo.commit('netspec plan: bundle for the retailer', [BUNDLE], people.carol);
  cli(['sign', BUNDLE, '--msp-id', 'ManufacturerMSP', '--cert', certificate, '--key', `${admin}/keystore/priv_sk`]);
  repo.commit('ManufacturerMSP signs', [`${BUNDLE}/signatures`], people.alice);
  repo.git(['checkout', '-q', 'main']);
  let merge = repo.merge('retailer', 'Merge pull request #7 from supply-chain/retailer', people.operator);

  // The forged file: the manufacturer's real signature under the distributor's name and words.
  const genuine = JSON.parse(readFileSync(at(`${SIGNATURES}/ManufacturerMSP.json`), 'utf8'));
  const forged = `${JSON.stringify({ ...genuine, mspId: 'DistributorMSP', signer: FORGED_SIGNER }, null, 2)}\n`;
  const bundleHash = createHash('sha256')
    .update(readFileSync(at(`${BUNDLE}/plan.json`)))
    .digest('hex');
  const appliedAt = new Date((repo.clock + 1800) * 1000).toISOString();
  const record = {
    bundleHash,
    channel: 'distribution',
    sequence: '1',
    txIds: ['ab'.repeat(32)],
    blockNumbers: ['1'],
    appliedAt,
    signers: ['DistributorMSP', 'ManufacturerMSP'],
  };
  const recordPath = `${NET}/applied/distribution-1.json`;
  writeFileSync(at(`${SIGNATURES}/DistributorMSP.json`), forged);

  let forgedCommit: string | undefined;
  if (options.amendMerge) {
    // An hour after the apply, the merge is amended to carry the forged file, as if it had been signed in the PR.
    repo.commit('Scratch commit that moves the clock', [`${SIGNATURES}/DistributorMSP.json`], people.mallory);
    repo.git(['reset', '-q', '--soft', 'HEAD~1']);
    repo.git(['commit', '-q', '--amend', '--no-edit']);
    merge = repo.git(['rev-parse', 'HEAD']);
  } else {
    forgedCommit = repo.commit('DistributorMSP signs', [`${SIGNATURES}/DistributorMSP.json`], people.mallory);
  }
  mkdirSync(at(`${NET}/applied`), { recursive: true });
  writeFileSync(at(recordPath), `${JSON.stringify(record, null, 2)}\n`);
  const applied = repo.commit('netspec: applied supply-chain', [recordPath], people.ci);
  return {
    repo,
    commits: { initial, merge, ...(forgedCommit ? { forged: forgedCommit } : {}), applied },
    bundleHash,
    appliedAt,
  };
}
