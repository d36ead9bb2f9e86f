// The GitOps loop end to end, as a consortium lives it, in a temporary git repository holding the supply-chain
// network (spec, DEMO-ONLY crypto, live state) and the real `netspec` binary against the in-process fake Fabric
// network: a PR adds the retailer to `distribution` and bumps product-registry; plan writes the bundle; the two
// member admins sign; verify waits, then is satisfied; the PR is merged; apply sends the signed update (the live
// config sequence moves); the apply record is committed; `netspec history` tells an auditor all of it.
//
// The connection endpoints point at the fake from the first commit on main: they are part of the spec, and verify
// (and so apply) refuses a bundle whose spec bytes changed since the plan — so they cannot be edited in afterwards.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveConfigFacts } from '../../src/apply/fabric/index.js';
import { startNetwork, type TestNetwork, writeSpec } from '../apply/fabric/_network.js';
import { repoRoot, runCli, runCliAsync } from '../helpers/run-cli.js';
import { createTempRepo } from './_git-repo.js';
import { liveSpec, proposedSpec } from './_supply-chain-story.js';

const NET = 'networks/supply-chain';
const SPEC = `${NET}/network.yaml`;
const BUNDLE = `${NET}/bundle`;
const BRANCH = 'retailer-joins-distribution';

const people = {
  operator: { name: 'Olga Operator', email: 'olga@operator.supply.example.com' },
  carol: { name: 'Carol Initech', email: 'carol@retailer.supply.example.com' },
  alice: { name: 'Alice Acme', email: 'alice@manufacturer.supply.example.com' },
  bob: { name: 'Bob Globex', email: 'bob@distributor.supply.example.com' },
  ci: { name: 'netspec', email: 'netspec@users.noreply.github.com' },
};

/** An org admin's DEMO-ONLY identity inside the temp repo, as `netspec sign` flags (repository-relative). */
function adminFlags(org: 'manufacturer' | 'distributor', mspId: string): string[] {
  const msp = `${NET}/crypto/${org}/users/Admin@${org}.supply.example.com/msp`;
  return [
    '--msp-id',
    mspId,
    '--cert',
    `${msp}/signcerts/Admin@${org}.supply.example.com-cert.pem`,
    '--key',
    `${msp}/keystore/priv_sk`,
  ];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let network: TestNetwork | undefined;
afterAll(async () => {
  await network?.fake.stop();
});

describe('the GitOps loop', () => {
  it('PR -> plan -> two signatures -> verify -> merge -> apply -> history', { timeout: 60_000 }, async () => {
    // The live network: the fake orderer/peer serving the example's committed state (config sequence 0 everywhere).
    network = await startNetwork();
    const fake = network.fake;
    // The story's clock starts while the example's DEMO-ONLY certificates are valid (from 2026-11-25): history
    // judges each signature at its commit's date.
    const repo = createTempRepo('netspec-e2e-', '2026-12-01T10:00:00Z');
    const at = (path: string) => join(repo.root, path);
    const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: repo.root, env });

    // main: the network as it runs, reached through the fake (its test TLS CA committed beside the spec).
    for (const part of ['crypto', 'state'])
      cpSync(join(repoRoot, NET, part), at(`${NET}/${part}`), { recursive: true });
    writeFileSync(at(`${NET}/tlsca.pem`), network.tls.caPem);
    writeSpec(at(SPEC), fake.port, fake.adminPort, liveSpec);
    const initial = repo.commit('Create the supply-chain network', [NET], people.operator);
    const onMain = cli(['plan', SPEC]);
    expect(onMain.stdout).toContain('No changes. The live network matches the spec.');
    expect(onMain.code).toBe(0);

    // The PR: the retailer joins `distribution`, product-registry 1.1 -> 1.2.
    repo.git(['checkout', '-q', '-b', BRANCH]);
    writeSpec(at(SPEC), fake.port, fake.adminPort, (text) => proposedSpec(liveSpec(text)));
    repo.commit('Retailer joins distribution; product-registry 1.2', [SPEC], people.carol);

    // 1. plan writes the bundle: one channel update (the add-org) and who must sign it, plus the chaincode bump.
    const planned = cli(['plan', SPEC, '--out', BUNDLE], { SOURCE_DATE_EPOCH: String(repo.clock) });
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(2);
    const planText = planned.stdout;
    expect(planText).toContain('Channel production: no changes (config sequence 0)');
    expect(planText).toContain('Channel distribution: update (config sequence 0)');
    expect(planText).toMatch(/~ group {2}\/Channel\/Application {2}v0 -> v1\n {8}\+ RetailerMSP\n/);
    expect(planText).toContain("+ policy /Channel/Application/RetailerMSP/Admins\n        OR('RetailerMSP.admin')");
    expect(planText).toContain(
      '  who must sign:\n    /Channel/Application/Admins: MAJORITY of {DistributorMSP, ManufacturerMSP} admins -> 2 of 2\n',
    );
    expect(planText).toContain('~ production/product-registry: 1.1 (sequence 1) -> 1.2 (sequence 2)');
    expect(planText).toMatch(
      /Plan: 0 channels to create, 1 to update, 1 chaincode definition, 0 validator votes, \d+ Kubernetes objects\./,
    );
    // The chaincode server's new image reaches the members' clusters through their own manifests.
    expect(planText).toMatch(
      /manufacturer: 0 to create, \d+ to change, 0 to prune[\s\S]*~ Deployment\/cc-production-product-registry/,
    );
    expect(planText).toContain(`Bundle written to ${BUNDLE}`);
    const plan = JSON.parse(readFileSync(at(`${BUNDLE}/plan.json`), 'utf8'));
    // The bundle sits in networks/supply-chain/bundle: its spec and state are recorded relative to it.
    expect(plan).toMatchObject({ network: 'supply-chain', specFile: '../network.yaml', stateDir: '../state' });
    expect(plan.specHash).toBe(sha256(readFileSync(at(SPEC))));
    expect(plan.channels.map((c: { channel: string; action: string }) => [c.channel, c.action])).toEqual([
      ['production', 'noop'],
      ['distribution', 'update'],
    ]);
    const updateFile = `${BUNDLE}/fabric/distribution/update.pb`;
    const updateHash = sha256(readFileSync(at(updateFile)));
    repo.commit('netspec plan: bundle for the retailer joining distribution', [BUNDLE], people.carol);

    // 2-3. The manufacturer signs: verify waits for the distributor; once both signed, it is satisfied.
    const manufacturer = cli(['sign', BUNDLE, ...adminFlags('manufacturer', 'ManufacturerMSP')]);
    expect(manufacturer.stderr).toBe('');
    expect(manufacturer.stdout).toBe('Signed signatures/distribution/ManufacturerMSP.json\n');
    expect(manufacturer.code).toBe(0);
    repo.commit('ManufacturerMSP signs', [`${BUNDLE}/signatures`], people.alice);

    const half = cli(['verify', BUNDLE]);
    expect(half.stdout).toContain('1 of 2: waiting for DistributorMSP\n    signed by: ManufacturerMSP\n');
    expect(half.stdout).toContain('Verdict: waiting');
    expect(half.code).toBe(2);

    const distributor = cli(['sign', BUNDLE, ...adminFlags('distributor', 'DistributorMSP')]);
    expect(distributor.stdout).toBe('Signed signatures/distribution/DistributorMSP.json\n');
    expect(distributor.code).toBe(0);
    const signatureFiles = ['DistributorMSP', 'ManufacturerMSP'].map((msp) =>
      readFileSync(at(`${BUNDLE}/signatures/distribution/${msp}.json`), 'utf8'),
    );
    for (const text of signatureFiles) {
      expect(JSON.parse(text).updateSha256).toBe(updateHash);
      expect(text).not.toMatch(/PRIVATE KEY/);
    }
    repo.commit('DistributorMSP signs', [`${BUNDLE}/signatures`], people.bob);

    const satisfied = cli(['verify', BUNDLE]);
    expect(satisfied.stdout).toContain('2 of 2: satisfied\n    signed by: DistributorMSP, ManufacturerMSP\n');
    expect(satisfied.stdout).toContain('Verdict: satisfied');
    expect(satisfied.code).toBe(0);

    // 4. The PR is merged on GitHub.
    repo.git(['checkout', '-q', 'main']);
    const merge = repo.merge(BRANCH, `Merge pull request #7 from supply-chain/${BRANCH}`, people.operator);

    // 5. CI applies the merged bundle as the operator, its identity from the spec's connection secrets.
    const operatorMsp = at(`${NET}/crypto/operator/users/Admin@operator.supply.example.com/msp`);
    const applyEnv = {
      CI: 'true',
      NETSPEC_OPERATOR_ADMIN_CERT: readFileSync(
        join(operatorMsp, 'signcerts', 'Admin@operator.supply.example.com-cert.pem'),
        'utf8',
      ),
      NETSPEC_OPERATOR_ADMIN_KEY: readFileSync(join(operatorMsp, 'keystore', 'priv_sk'), 'utf8'),
      NETSPEC_FABRIC_RETRIES: '1',
      NETSPEC_FABRIC_BACKOFF_MS: '20',
      NETSPEC_FABRIC_POLL_MS: '10',
    };
    const applied = await runCliAsync(['apply', BUNDLE, '--timeout', '5'], { cwd: repo.root, env: applyEnv });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const [step, retailerJoins, summary, ...toDo] = applied.stdout.trim().split('\n');
    expect(JSON.parse(step!)).toEqual({
      channel: 'distribution',
      action: 'update',
      target: 'operator/orderer0',
      outcome: 'applied',
      detail: expect.stringMatching(/^config sequence 1 in block 1 \(tx [0-9a-f]{64}\)$/),
    });
    // The update adds the retailer: joining its peer is the retailer's own part, which the run names.
    expect(JSON.parse(retailerJoins!)).toMatchObject({
      action: 'join-peer',
      target: 'retailer/peer0',
      outcome: 'delegated',
    });
    expect(summary).toBe('1 applied, 0 already in place, 0 waiting for other organizations, 0 not applied');
    expect(toDo).toEqual(['still to do by other organizations:', '  retailer: join peer0 to distribution']);
    expect(fake.received.broadcast).toBe(1);
    const distributionNow = liveConfigFacts(fake.newest('distribution')!.block);
    expect(distributionNow.sequence).toBe(1n);
    expect(Buffer.from(distributionNow.lastUpdate!).equals(readFileSync(at(updateFile)))).toBe(true);
    expect(liveConfigFacts(fake.newest('production')!.block).sequence).toBe(0n);

    // The record the command wrote is the only new file; CI commits it.
    const recordPath = `${NET}/applied/distribution-1.json`;
    expect(repo.git(['status', '--porcelain', '--untracked-files=all'])).toBe(`?? ${recordPath}`);
    const bundleHash = sha256(readFileSync(at(`${BUNDLE}/plan.json`)));
    const record = JSON.parse(readFileSync(at(recordPath), 'utf8'));
    expect(record).toMatchObject({
      bundleHash,
      channel: 'distribution',
      sequence: '1',
      blockNumbers: ['1'],
      signers: ['DistributorMSP', 'ManufacturerMSP'],
    });
    const appliedCommit = repo.commit('netspec: applied supply-chain', [recordPath], people.ci);

    // 6. The auditor's view, from git alone.
    const history = cli(['history', NET, '--format', 'json']);
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    const events = JSON.parse(history.stdout).events;
    expect(events.map((e: { commit: string; pullRequest?: number }) => [e.commit, e.pullRequest ?? null])).toEqual([
      [appliedCommit, null],
      [merge, 7],
      [initial, null],
    ]);
    const [applyEvent, prEvent] = events;
    expect(prEvent.subject).toBe(`Merge pull request #7 from supply-chain/${BRANCH}`);
    expect(prEvent.specChanges).toEqual(['channels: ~distribution', 'chaincodes: ~production/product-registry']);
    expect(
      prEvent.signatures.map((s: { mspId: string; channel: string; bundle: string; updateHash: string }) => [
        s.mspId,
        s.channel,
        s.bundle,
        s.updateHash,
      ]),
    ).toEqual([
      ['DistributorMSP', 'distribution', 'bundle', updateHash],
      ['ManufacturerMSP', 'distribution', 'bundle', updateHash],
    ]);
    // Each signature verified over the committed update.pb against the state before the merge; the signer is the
    // certificate's subject. Carol proposed, Olga merged.
    expect(prEvent.signatures.map((s: { status: string }) => s.status)).toEqual(['valid', 'valid']);
    expect(prEvent.signatures[0].signer).toBe(
      'O=distributor.supply.example.com, OU=admin, CN=Admin@distributor.supply.example.com',
    );
    expect(prEvent.proposer).toEqual(people.carol);
    expect(prEvent.mergedBy).toEqual(people.operator);
    // The apply event has no PR of its own: it points back at the PR's bundle through the hash of its plan.json.
    expect(applyEvent.applied).toEqual([
      expect.objectContaining({
        path: recordPath,
        channel: 'distribution',
        sequence: '1',
        signers: ['DistributorMSP', 'ManufacturerMSP'],
        bundleHash,
        producedBy: { commit: merge, bundle: 'bundle', pullRequest: 7 },
      }),
    ]);
    expect(applyEvent.applied[0].unsigned).toBeUndefined();
    expect(applyEvent.applied[0].rewritten).toBeUndefined();
    expect(prEvent.files).toContainEqual({ status: 'A', path: 'bundle/plan.json' });

    // The loop closes: fetch the live state into the repo and plan again — no channel change is left. The chaincode
    // bump is still pending: `netspec apply` sends channel config only; approve/commit of a definition is not part
    // of it, so the peer still runs product-registry 1.1.
    // Peers answer chaincode queries only to application members: the fetch job reads as the manufacturer.
    const manufacturerMsp = at(`${NET}/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp`);
    const fetched = await runCliAsync(['fetch', SPEC, '--out', `${NET}/state`, '--timeout', '5'], {
      cwd: repo.root,
      env: {
        ...applyEnv,
        NETSPEC_OPERATOR_ADMIN_CERT: '',
        NETSPEC_OPERATOR_ADMIN_KEY: '',
        NETSPEC_MANUFACTURER_ADMIN_CERT: readFileSync(
          join(manufacturerMsp, 'signcerts', 'Admin@manufacturer.supply.example.com-cert.pem'),
          'utf8',
        ),
        NETSPEC_MANUFACTURER_ADMIN_KEY: readFileSync(join(manufacturerMsp, 'keystore', 'priv_sk'), 'utf8'),
      },
    });
    expect(fetched.stderr).toBe('');
    expect(fetched.code).toBe(0);
    // Only distribution's config block changed; the chaincode files are rewritten with the same content.
    expect(repo.git(['diff', '--name-only']).split('\n')).toEqual([
      `${NET}/state/fabric/distribution.block`,
      `${NET}/state/fabric/distribution.chaincodes.json`,
      `${NET}/state/fabric/production.chaincodes.json`,
    ]);
    for (const channel of ['distribution', 'production']) {
      const path = `${NET}/state/fabric/${channel}.chaincodes.json`;
      expect(JSON.parse(readFileSync(at(path), 'utf8'))).toEqual(JSON.parse(repo.git(['show', `HEAD:${path}`])));
    }
    const replanned = cli(['plan', SPEC]);
    expect(replanned.stdout).toContain('Channel distribution: no changes (config sequence 1)');
    expect(replanned.stdout).toContain('Plan: 0 channels to create, 0 to update, 1 chaincode definition');
    expect(replanned.code).toBe(2);
    expect(existsSync(at(`${BUNDLE}/plan.json`))).toBe(true);

    // CI re-runs the merged bundle against the freshly fetched state: already applied, nothing sent, exit 0.
    const rerun = await runCliAsync(['apply', BUNDLE, '--timeout', '5'], { cwd: repo.root, env: applyEnv });
    expect(rerun.stderr).toBe('');
    expect(rerun.stdout.trim().split('\n').slice(-3)).toEqual([
      'already applied: the live network already has every change of this bundle; nothing was sent',
      'still to do by other organizations:',
      '  retailer: join peer0 to distribution',
    ]);
    expect(rerun.code).toBe(0);
    expect(fake.received.broadcast).toBe(1);
  });
});
