// Each organization signs a bundle in a process of its own, as it would on its own machine: `netspec sign`, run with
// that organization's admin certificate and key paths only and an environment carrying no identity, so no test
// process ever holds another organization's key (this helper never reads one: it passes the path along).
// Signing is a child process per organization, which costs about half a second of CPU each. Tests sign the same
// update bytes again and again (every test plans the same example), so a signature made once is reused for the
// same signer over the same plan, update bytes and live config blocks: what it covers is exactly those bytes and
// that signer, and `netspec sign` judged them against those blocks the first time. A bundle a test tampers with,
// a state it changes or a signer it swaps gives another key, and the real command runs again. Only successful
// runs are remembered: every refusal comes from the command itself.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/netspec.js', import.meta.url));

/** An organization's signing identity as files of its own: only the paths reach the signing process. */
export interface SignerFiles {
  mspId: string;
  certFile: string;
  keyFile: string;
}

export interface OrgSignResult {
  /** Bundle-relative path -> text of each signature file written into the bundle. */
  files: Map<string, string>;
  /** What `netspec sign` refused with, one line each (without the `netspec: ` prefix). */
  errors: string[];
  /** What a successful `netspec sign` still wrote to stderr, one line each. */
  warnings: string[];
}

const remembered = new Map<string, { files: Map<string, string>; warnings: string[] }>();

/** `netspec sign <bundle> --msp-id --cert --key --spec --state` in a child process; its files land in the bundle. */
export function signAsOrganization(
  bundleDir: string,
  network: { specFile: string; stateDir: string },
  signer: SignerFiles,
): OrgSignResult {
  const key = cacheKey(bundleDir, network.stateDir, signer);
  const known = remembered.get(key);
  if (known) {
    for (const [path, text] of known.files) writeFileAt(join(bundleDir, path), text);
    return { files: new Map(known.files), errors: [], warnings: [...known.warnings] };
  }
  const args = ['sign', bundleDir, '--msp-id', signer.mspId, '--cert', signer.certFile, '--key', signer.keyFile];
  const run = spawnSync(process.execPath, [bin, ...args, '--spec', network.specFile, '--state', network.stateDir], {
    // No inherited NETSPEC_* identity variables: the child knows only the key it is given.
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    const errors = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^netspec: /, ''));
    return {
      files: new Map(),
      errors: errors.length > 0 ? errors : [`netspec sign exited ${run.status}`],
      warnings: [],
    };
  }
  const files = new Map<string, string>();
  for (const line of run.stdout.split('\n')) {
    const signed = /^Signed (.+)$/.exec(line);
    if (signed) files.set(signed[1]!, readFileSync(join(bundleDir, signed[1]!), 'utf8'));
  }
  const warnings = run.stderr.split('\n').filter(Boolean);
  remembered.set(key, { files, warnings });
  return { files: new Map(files), errors: [], warnings: [...warnings] };
}

/** The signer, the bundle (plan.json and its update bytes) and the live config blocks a signature is judged by. */
function cacheKey(bundleDir: string, stateDir: string, signer: SignerFiles): string {
  const hash = createHash('sha256');
  hash.update(`${signer.mspId}\0${readFileSync(signer.certFile, 'utf8')}\0${signer.keyFile}\0`);
  // plan.json but where the spec and state were (each test network lives in a folder of its own).
  const { specFile: _spec, stateDir: _state, ...plan } = JSON.parse(readFileSync(join(bundleDir, 'plan.json'), 'utf8'));
  hash.update(`${JSON.stringify(plan)}\0`);
  const fabric = join(bundleDir, 'fabric');
  for (const channel of existsSync(fabric) ? readdirSync(fabric).sort() : []) {
    for (const name of ['update.pb', 'genesis.block']) {
      const file = join(fabric, channel, name);
      if (existsSync(file)) hash.update(`${channel}/${name}\0`).update(readFileSync(file));
    }
  }
  const blocks = join(stateDir, 'fabric');
  for (const name of existsSync(blocks) ? readdirSync(blocks).sort() : []) {
    const file = join(blocks, name);
    if (name.endsWith('.block') && statSync(file).isFile()) hash.update(`${name}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function writeFileAt(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
