// Screenshots of the console's pages for the README: `node scripts/console-screenshots.mjs` (after npm run build,
// with Debian's chromium installed). It copies the example networks into a throwaway git repository, writes and
// signs (as the manufacturer, with its DEMO-ONLY key) a plan bundle of the supply-chain network, serves the console
// there on a free loopback port and photographs each page into docs/console/.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/netspec.js');
const out = join(root, 'docs/console');
const work = mkdtempSync(join(tmpdir(), 'netspec-console-shots-'));
const repo = join(work, 'repo');

const git = (...args) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      // Fixed dates: the same commits, and the same pictures, on every run.
      GIT_AUTHOR_DATE: '2026-12-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-12-01T10:00:00Z',
    },
  });
const netspec = (...args) => {
  try {
    return execFileSync(process.execPath, [bin, ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: '1767000000' },
    });
  } catch (error) {
    if (error.status === 2) return error.stdout; // plan: changes pending
    throw error;
  }
};

mkdirSync(repo, { recursive: true });
git('init', '-q', '-b', 'main');
git('config', 'user.name', 'Consortium Operator');
git('config', 'user.email', 'operator@supply.example.com');
for (const network of ['quickstart', 'supply-chain'])
  cpSync(join(root, 'networks', network), join(repo, 'networks', network), { recursive: true });
git('add', 'networks');
git('commit', '-q', '-m', 'The quickstart and supply-chain networks');
netspec('plan', 'networks/supply-chain/network.yaml', '--out', 'networks/supply-chain/bundle');
const admin = 'networks/supply-chain/crypto/manufacturer/users/Admin@manufacturer.supply.example.com/msp';
netspec(
  'sign',
  'networks/supply-chain/bundle',
  '--msp-id',
  'ManufacturerMSP',
  '--cert',
  `${admin}/signcerts/Admin@manufacturer.supply.example.com-cert.pem`,
  '--key',
  `${admin}/keystore/priv_sk`,
);
git('add', 'networks/supply-chain/bundle');
git('commit', '-q', '-m', 'Plan bundle for the supply-chain network, signed by the manufacturer');

const server = spawn(process.execPath, [bin, 'console', '--port', '0'], { cwd: repo });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
    if (found) resolve(found[0]);
  });
  server.on('exit', (code) => reject(new Error(`netspec console exited with ${code}`)));
});

const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.NETSPEC_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
mkdirSync(out, { recursive: true });
const shots = [
  ['map-supply-chain', '#/supply-chain/map/manufacturer', 'svg.map [data-kind="organization"]'],
  ['map-quickstart', '#/quickstart/map', 'svg.map [data-kind="quorum"]'],
  ['channels', '#/supply-chain/channels/distribution', '.channel .policies'],
  ['proposal', '#/supply-chain/proposals/b:bundle', '[data-testid="verify-status"]'],
  ['history', '#/supply-chain/history', '[data-testid="timeline"] > li'],
  ['live', '#/quickstart/live', '[data-testid="drift"]'],
];
try {
  const page = await browser.newPage();
  for (const [name, hash, ready] of shots) {
    await page.goto(`${url}${hash}`);
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: name !== 'history' });
  }
  await page.goto(`${url}#/supply-chain/propose`);
  await page.locator('select[name="organization"]').selectOption('retailer', { timeout: 60_000 });
  await page.locator('select[name="channel"]').selectOption('production');
  await page.locator('select[name="organization"]').selectOption('retailer');
  await page.locator('[data-action="preview"]').click();
  await page.locator('[data-testid="preview"] [data-testid="signers"]').first().waitFor({ timeout: 120_000 });
  await page.locator('[data-action="commit"]').click();
  await page.locator('[data-testid="committed"]').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(out, 'propose.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
