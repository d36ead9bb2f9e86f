// The console serves the CLI's own JSON: each document is compared, byte for byte, with what the CLI prints for the
// same repository. And the server answers only to its own name, and takes edits only from its own page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleNetworks, type RunningConsole, startConsoleServer } from '../../src/console/index.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
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
      const cli = runCli(['plan', `networks/${network}/network.yaml`, '--format', 'json'], { cwd: repo.root });
      expect(cli.code).toBe(2);
      const served = await get(`api/networks/${network}/plan.json`);
      expect(served.status).toBe(200);
      expect(served.body).toBe(cli.stdout);
    }
  });

  it("serves a bundle's verify report and the history as the CLI prints them", async () => {
    const verify = runCli(['verify', 'networks/supply-chain/bundle', '--format', 'json'], { cwd: repo.root });
    expect(verify.code).toBe(2);
    expect((await get('api/networks/supply-chain/bundles/bundle/verify.json')).body).toBe(verify.stdout);
    const report = JSON.parse(verify.stdout) as {
      updates: { channel: string; requirements: { signedBy: string[] }[] }[];
    };
    expect(report.updates.find((update) => update.channel === 'distribution')?.requirements[0]?.signedBy).toEqual([
      'ManufacturerMSP',
    ]);

    const history = runCli(['history', 'supply-chain', '--format', 'json'], { cwd: repo.root });
    expect(history.code).toBe(0);
    expect((await get('api/networks/supply-chain/history.json')).body).toBe(history.stdout);
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
      source: 'server',
    });
    expect(await get('api/networks/nowhere/plan.json')).toMatchObject({ status: 404 });
    expect(await get('api/networks/supply-chain/bundles/nothing/verify.json')).toMatchObject({ status: 422 });
    expect(await get('../../etc/passwd')).toMatchObject({ status: 404 });
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
});
