// The console serves the CLI's own JSON: each document is compared, byte for byte, with what the CLI prints for the
// same repository. And the server answers only to its own name, and takes edits only from its own page.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusDocument } from '../../src/console/console-repository.js';
import { consoleNetworks, type RunningConsole, startConsoleServer } from '../../src/console/index.js';
import { copySupplyChain } from '../apply/fabric-ca/_supply-chain-copy.js';
import { startFakeOperations, withOperationsUrls } from '../apply/health/_fake-operations.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';
import { type ConsoleRepo, createConsoleRepo } from './_console-repo.js';

describe('netspec console documents', () => {
  let repo: ConsoleRepo;
  let running: RunningConsole;

  beforeAll(async () => {
    repo = createConsoleRepo();
    const networks = consoleNetworks(repo.root, []);
    if ('error' in networks) throw new Error(networks.error);
    running = await startConsoleServer(
      { root: repo.root, networks, edits: true },
      { host: '127.0.0.1', port: 0, appDir: join(repoRoot, 'dist/console-app') },
    );
  }, 120_000);
  afterAll(() => running?.close());

  const get = async (path: string) => {
    const response = await fetch(new URL(path, running.url));
    return { status: response.status, body: await response.text() };
  };

  it('serves plan.json as `netspec plan --format json` prints it from the repository root', async () => {
    for (const network of ['quickstart', 'supply-chain']) {
      const cli = await runCli(['plan', `networks/${network}/network.yaml`, '--format', 'json'], { cwd: repo.root });
      expect(cli.code).toBe(2);
      const served = await get(`api/networks/${network}/plan.json`);
      expect(served.status).toBe(200);
      expect(served.body).toBe(cli.stdout);
    }
  });

  it("serves a bundle's verify report and the history as the CLI prints them", async () => {
    const verify = await runCli(['verify', 'networks/supply-chain/bundle', '--format', 'json'], { cwd: repo.root });
    expect(verify.code).toBe(2);
    expect((await get('api/networks/supply-chain/bundles/bundle/verify.json')).body).toBe(verify.stdout);
    const report = JSON.parse(verify.stdout) as {
      updates: { channel: string; requirements: { signedBy: string[] }[] }[];
    };
    expect(report.updates.find((update) => update.channel === 'distribution')?.requirements[0]?.signedBy).toEqual([
      'ManufacturerMSP',
    ]);

    const history = await runCli(['history', 'supply-chain', '--format', 'json'], { cwd: repo.root });
    expect(history.code).toBe(0);
    expect((await get('api/networks/supply-chain/history.json')).body).toBe(history.stdout);
  });

  it('lists the certificates the spec relies on with the dates they expire', async () => {
    const overview = JSON.parse((await get('api/networks/supply-chain/overview.json')).body) as {
      certificates: { organization: string; role: string; file: string; notAfter?: string }[];
    };
    const operator = overview.certificates.filter((certificate) => certificate.organization === 'operator');
    expect(operator.map((certificate) => certificate.role).sort()).toEqual([
      'CA',
      'TLS CA',
      'orderer0 TLS',
      'orderer0 consenter TLS',
      'orderer1 TLS',
      'orderer1 consenter TLS',
      'orderer2 TLS',
      'orderer2 consenter TLS',
    ]);
    for (const certificate of operator) {
      const pem = readFileSync(join(repo.root, certificate.file), 'utf8');
      expect(certificate.notAfter).toBe(new Date(new X509Certificate(pem).validTo).toISOString());
    }
    // No private key is among them.
    expect(overview.certificates.every((certificate) => !/priv_sk|keystore|\.key$/.test(certificate.file))).toBe(true);
  });

  it('lists the networks and bundles, and says which document does not exist', async () => {
    const index = JSON.parse((await get('api/index.json')).body);
    expect(index).toEqual({
      networks: [
        { name: 'quickstart', path: 'networks/quickstart', bundles: [] },
        { name: 'supply-chain', path: 'networks/supply-chain', bundles: ['bundle'] },
      ],
      commitBaseUrl: 'https://github.com/example/consortium/commit/',
      edits: true,
      live: true,
      source: 'server',
    });
    expect(await get('api/networks/nowhere/plan.json')).toMatchObject({ status: 404 });
    expect(await get('api/networks/supply-chain/bundles/nothing/verify.json')).toMatchObject({ status: 422 });
    expect(await get('../../etc/passwd')).toMatchObject({ status: 404 });
    expect(await get('api/%E0%A4%A')).toMatchObject({ status: 400 });
  });

  it('answers only to its own name, and takes edits only as JSON from its own page', async () => {
    const port = new URL(running.url).port;
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, method = 'GET', path = '/api/index.json', body = '') =>
      new Promise<number>((resolve, reject) => {
        const call = request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        call.on('error', reject);
        call.end(body);
      });
    // A page on another site that rebinds its name to 127.0.0.1 still sends its own name.
    expect(await status({ Host: `attacker.example:${port}` })).toBe(421);
    expect(await status({ Host: `localhost:${port}` })).toBe(200);
    const edit = JSON.stringify({ kind: 'add-member', channel: 'production', organization: 'retailer' });
    const path = '/api/networks/supply-chain/edits/preview';
    const own = `http://127.0.0.1:${port}`;
    expect(await status({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json' }, 'POST', path, edit)).toBe(
      403,
    );
    expect(
      await status(
        { Host: `127.0.0.1:${port}`, Origin: 'https://attacker.example', 'Content-Type': 'application/json' },
        'POST',
        path,
        edit,
      ),
    ).toBe(403);
    expect(
      await status({ Host: `127.0.0.1:${port}`, Origin: own, 'Content-Type': 'text/plain' }, 'POST', path, edit),
    ).toBe(403);
    expect(
      await status({ Host: `127.0.0.1:${port}`, Origin: own, 'Content-Type': 'application/json' }, 'POST', path, edit),
    ).toBe(200);
    // A preview writes nothing.
    expect(repo.git(['branch', '--list', 'netspec/*'])).toBe('');
  });

  it('reads the live nodes as `netspec status --format json` does, and only for a network with connection settings', async () => {
    const nodes = ['operator/orderer0', 'operator/orderer1', 'operator/orderer2'].map((ref) => [
      ref,
      { heights: { production: 40, distribution: 12 } },
    ]);
    const fake = await startFakeOperations({
      ...Object.fromEntries(nodes),
      'manufacturer/peer0': { heights: { production: 40, distribution: 12 } },
      'manufacturer/peer1': { heights: { production: 25, distribution: 12 } },
      'distributor/peer0': { failedChecks: [{ component: 'couchdb', reason: 'connection refused' }] },
      'retailer/peer0': { heights: { distribution: 12 } },
    });
    try {
      const file = copySupplyChain(withOperationsUrls(fake));
      const network = { name: basename(dirname(file)), folder: dirname(file), path: 'networks/supply-chain' };
      const served = await statusDocument(network);
      const cli = await runCli(['status', file, '--format', 'json']);
      expect(cli.code).toBe(1);
      expect(served).toEqual({ json: cli.stdout });
      const report = JSON.parse(cli.stdout);
      expect(report.failures.join('\n')).toContain(
        'distributor/peer0: unhealthy: /healthz answered HTTP 503 (couchdb: connection refused)',
      );

      writeFileSync(file, readFileSync(file, 'utf8').replace(/^connection:[\s\S]*?^allow:/m, 'allow:'));
      expect(await statusDocument(network)).toEqual({
        error: 'networks/supply-chain/network.yaml has no connection settings: there is no live network to ask',
      });
    } finally {
      await fake.close();
    }
  });

  it('an export replaces an earlier export whole, and leaves nothing beside it', async () => {
    const out = join(repo.root, '..', `${basename(repo.root)}-site`, 'site');
    expect(await runCli(['console', '--export', out], { cwd: repo.root })).toMatchObject({ code: 0, stderr: '' });
    writeFileSync(join(out, 'stale.txt'), 'from an earlier export');
    expect(await runCli(['console', '--export', out], { cwd: repo.root })).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(dirname(out))).toEqual(['site']);
    expect(readdirSync(out)).not.toContain('stale.txt');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['app.js', 'data.js', 'index.html']));
  });

  it('refuses a bad port, an unknown network and an export over a folder that is not one, writing nothing', async () => {
    expect(await runCli(['console', '--port', 'eighty'], { cwd: repo.root })).toMatchObject({
      code: 1,
      stderr: "netspec: --port must be a port number (0 to 65535), not 'eighty'\n",
    });
    expect(await runCli(['console', 'nowhere', '--export', 'site'], { cwd: repo.root })).toMatchObject({
      code: 1,
      stderr: 'netspec: nowhere is neither a network folder, its network.yaml, nor a name under networks/\n',
    });
    const folder = join(repo.root, 'notes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keep.txt'), 'mine');
    const refused = await runCli(['console', '--export', 'notes'], { cwd: repo.root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'netspec: --export notes is neither empty nor an exported console (no data.js): name a new or empty folder\n',
    );
    expect(readdirSync(folder)).toEqual(['keep.txt']);
  });
});
