// The console in a real browser (Debian's Chromium): both example networks on the map, a bundle's signers as verify
// judges them, the history, an edit proposed and committed on a new branch, the exported site opened from file://,
// and not one request to anywhere but the console itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { CHROMIUM, launchChromium } from './_chromium.js';
import { type ConsoleRepo, createConsoleRepo, NETWORKS } from './_console-repo.js';

const WAIT = { timeout: 60_000 };

describe('netspec console in Chromium', () => {
  let repo: ConsoleRepo;
  let child: ChildProcess;
  let url: string;
  let browser: BrowserContext;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (as .ci/run does)`);
    repo = createConsoleRepo();
    child = spawn(process.execPath, [join(repoRoot, 'bin/netspec.js'), 'console', '--port', '0'], {
      cwd: repo.root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (found) resolve(found[0]);
      });
      child.stderr!.on('data', (chunk) => {
        output += chunk;
      });
      child.on('exit', (code) => reject(new Error(`netspec console exited (${code}): ${output}`)));
    });
    browser = await launchChromium();
    browser.on('request', (request) => requests.push(request.url()));
    browser.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
  });

  const open = async (hash: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${url}${hash}`);
    return page;
  };

  it('draws every organization, channel and Quorum network of both example networks, with details on a click', async () => {
    for (const network of NETWORKS) {
      const spec = parse(readFileSync(join(repo.root, 'networks', network, 'network.yaml'), 'utf8'));
      const page = await open(`#/${network}/map`);
      await page.locator('svg.map [data-kind="organization"]').first().waitFor(WAIT);
      const names = (kind: string) =>
        page
          .locator(`svg.map [data-kind="${kind}"]`)
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-name')));
      expect((await names('organization')).sort()).toEqual(Object.keys(spec.organizations).sort());
      expect((await names('channel')).sort()).toEqual(Object.keys(spec.channels).sort());
      expect((await names('quorum')).sort()).toEqual(Object.keys(spec.quorum ?? {}).sort());
      const [first] = Object.entries(spec.organizations) as [string, { mspId: string }][];
      await page.locator(`svg.map [data-kind="organization"][data-name="${first![0]}"]`).click();
      await expect
        .poll(() => page.locator('[data-testid="organization-details"]').textContent(), WAIT)
        .toContain(first![1].mspId);
      await page.close();
    }
  });

  it('opens the bundle and shows who must sign and who signed, as verify says', async () => {
    const page = await open('#/supply-chain/proposals');
    await page.locator('[data-proposal="b:bundle"]').click();
    const row = page.locator('[data-channel="distribution"] tr[data-policy="/Channel/Application/Admins"]');
    await row.waitFor(WAIT);
    await expect.poll(() => row.locator('.signed').textContent(), WAIT).toBe('ManufacturerMSP');
    expect(await row.locator('.waiting').textContent()).toContain('DistributorMSP');
    expect(await page.locator('[data-testid="verify-status"]').textContent()).toContain('waiting');
    await page.close();
  });

  it('shows the history as a timeline, each event linked to its commit', async () => {
    const page = await open('#/supply-chain/history');
    await page.locator('[data-testid="timeline"] > li').first().waitFor(WAIT);
    const commits = await page
      .locator('[data-testid="timeline"] > li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-commit')));
    expect(commits).toEqual([repo.commits.bundle, repo.commits.networks]);
    expect(await page.locator(`[data-commit="${repo.commits.bundle}"] a.commit-link`).getAttribute('href')).toBe(
      `https://github.com/example/consortium/commit/${repo.commits.bundle}`,
    );
    await page.close();
  });

  it('shows the live page: certificate expiry, and the nodes read only when asked', async () => {
    const page = await open('#/quickstart/live');
    await page.locator('[data-testid="certificates"] tbody tr').first().waitFor(WAIT);
    expect(await page.locator('[data-testid="certificates"] tbody tr').count()).toBeGreaterThan(3);
    // The example nodes are not reachable from here: the page offers to read them and does not on its own.
    expect(await page.locator('[data-action="read-nodes"]').count()).toBe(1);
    expect(await page.locator('[data-testid="nodes"]').count()).toBe(0);
    await page.close();
  });

  it('proposes an edit: the plan first, then a commit on a new local branch', async () => {
    const head = repo.git(['rev-parse', 'HEAD']);
    const page = await open('#/supply-chain/propose');
    await page.locator('select[name="kind"]').selectOption('add-member', WAIT);
    await page.locator('select[name="channel"]').selectOption('production');
    await page.locator('select[name="organization"]').selectOption('retailer');
    await page.locator('[data-action="preview"]').click();
    const preview = page.locator('[data-testid="preview"]');
    await preview.locator('[data-testid="signers"]').first().waitFor(WAIT);
    expect(await preview.textContent()).toContain('supply-chain: add retailer to channel production');
    expect(await preview.locator('.diff').textContent()).toContain('+');
    await page.locator('[data-action="commit"]').click();
    const branch = (await page.locator('[data-testid="branch"]').textContent(WAIT))!;
    const commit = (await page.locator('[data-testid="commit"]').textContent())!;
    expect(branch).toBe('netspec/supply-chain/add-retailer-to-production');
    expect(repo.git(['rev-parse', `refs/heads/${branch}`])).toBe(commit);
    expect(repo.git(['rev-parse', `${commit}^`])).toBe(head);
    expect(repo.git(['diff', '--name-only', head, commit])).toBe('networks/supply-chain/network.yaml');
    const edited = parse(repo.git(['show', `${commit}:networks/supply-chain/network.yaml`]));
    expect(edited.channels.production.members).toEqual(['manufacturer', 'distributor', 'retailer']);
    expect(repo.git(['log', '-1', '--format=%s', commit])).toBe('supply-chain: add retailer to channel production');
    // The checked-out branch, its commit and the working tree are as they were.
    expect(repo.git(['rev-parse', 'HEAD'])).toBe(head);
    expect(repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(repo.git(['status', '--porcelain'])).toBe('');
    expect(await page.locator('[data-testid="committed"] pre').textContent()).toContain(`git push -u origin ${branch}`);
    await page.close();
  });

  it('exports a static site that works from file://', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netspec-console-site-')), 'site');
    const exported = runCli(['console', '--export', out], { cwd: repo.root });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const page = await browser.newPage();
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#/quickstart/map`);
    await page.locator('svg.map [data-kind="organization"][data-name="gamma"]').waitFor(WAIT);
    expect(await page.locator('svg.map [data-kind="quorum"][data-name="payments"]').count()).toBe(1);
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#/supply-chain/proposals/b:bundle`);
    const row = page.locator('[data-channel="distribution"] tr[data-policy="/Channel/Application/Admins"]');
    await expect.poll(() => row.locator('.signed').textContent(), WAIT).toBe('ManufacturerMSP');
    // A snapshot proposes nothing.
    expect(await page.locator('[data-page="propose"]').count()).toBe(0);
    await page.close();
  });

  it('sent no request anywhere but to the console and the exported files, and no page failed', () => {
    expect(requests.length).toBeGreaterThan(10);
    const elsewhere = requests.filter(
      (request) => !request.startsWith(url) && !request.startsWith('file://') && !request.startsWith('data:'),
    );
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
