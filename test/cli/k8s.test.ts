import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type FakeKubeApi, startFakeKubeApi } from '../apply/kubernetes/fake-kube-api.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';

const SPEC = 'networks/supply-chain/network.yaml';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netspec-k8s-cli-'));
}

const runCliAsync = (args: string[], env: Record<string, string>) => runCli(args, { env });

describe('netspec manifests', () => {
  it('writes k8s/<org>/ for every organization, with a kustomization listing each file', async () => {
    const out = tempDir();
    const result = await runCli(['manifests', SPEC, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, 'k8s')).sort()).toEqual(['distributor', 'manufacturer', 'operator', 'retailer']);
    const folder = join(out, 'k8s', 'retailer');
    const listed = readFileSync(join(folder, 'kustomization.yaml'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    expect([...listed, 'kustomization.yaml'].sort()).toEqual(readdirSync(folder).sort());
    expect(result.stdout).toMatch(/^k8s\/retailer: \d+ objects \(namespace supply-retailer\)$/m);
  });

  it('--org writes only that organization and replaces its folder (no stale files)', async () => {
    const out = tempDir();
    await runCli(['manifests', SPEC, '--out', out, '--org', 'retailer']);
    writeFileSync(join(out, 'k8s', 'retailer', 'service-stale.yaml'), 'stale');
    const result = await runCli(['manifests', SPEC, '--out', out, '--org', 'retailer']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, 'k8s'))).toEqual(['retailer']);
    expect(existsSync(join(out, 'k8s', 'retailer', 'service-stale.yaml'))).toBe(false);
  });

  it('rejects an unknown organization with a suggestion', async () => {
    const result = await runCli(['manifests', SPEC, '--out', tempDir(), '--org', 'retailr']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`netspec: no organization 'retailr' in ${SPEC} (did you mean 'retailer'?)\n`);
  });

  it('refuses a spec that makes an invalid object: position, org, object; exit 1; nothing written', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'networks/supply-chain'), dir, { recursive: true });
    const file = join(dir, 'network.yaml');
    const text = readFileSync(file, 'utf8');
    // A peer name starting with a digit is a DNS-1123 label (the schema accepts it) but not a Service name.
    const edited = text.replace(/(retailer:[\s\S]*?peers:\n\s+- name: )peer0/, '$10peer');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const out = join(dir, 'out');
    const result = await runCli(['manifests', file, '--out', out]);
    expect(result.code).toBe(1);
    const line = edited.split('\n').findIndex((l) => l.includes('name: 0peer')) + 1;
    expect(result.stdout).toContain(
      `${file}:${line}:9 error NS_K8S_INVALID_OBJECT organization 'retailer', Service '0peer': metadata.name: '0peer' is not a DNS-1035 label`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('netspec secrets', () => {
  it('prints the Secrets and keys an organization must create', async () => {
    const result = await runCli(['secrets', SPEC, 'manufacturer']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Secrets to create in namespace supply-manufacturer \(organization manufacturer\):$/m,
    );
    expect(result.stdout).toMatch(/^peer0-couchdb {2}\(Opaque, used by StatefulSet\/peer0\)$/m);
    expect(result.stdout).toMatch(
      /^ {2}priv_sk +the node’s signing private key \(PEM\) \[crypto\/manufacturer\/peers\/peer0\.manufacturer\.supply\.example\.com\/msp\/keystore\/priv_sk\]$/m,
    );
    // The chaincode package id is emitted with the manifests: nothing for the org to create.
    expect(result.stdout).not.toContain('-package');
  });

  it('--format json lists names and keys, never values', async () => {
    const result = await runCli(['secrets', SPEC, 'operator', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.namespace).toBe('supply-operator');
    expect(report.secrets.map((s: { name: string }) => s.name)).toEqual([
      'ca-operator-ca',
      'ca-operator-tls',
      'ca-operator-bootstrap',
      'orderer0-msp',
      'orderer0-tls',
      'orderer1-msp',
      'orderer1-tls',
      'orderer2-msp',
      'orderer2-tls',
    ]);
    expect(result.stdout).not.toMatch(/BEGIN/);
  });
});

describe('netspec secrets --kubectl and --manifest', () => {
  const peerFolder = 'networks/supply-chain/crypto/retailer/peers/peer0.retailer.supply.example.com';
  const storeEnv = (dir: string) => {
    // The CA's TLS pair and bootstrap login come from the org's own store: files and values it names.
    writeFileSync(join(dir, 'ca-tls.crt'), 'CA TLS CERT\n');
    writeFileSync(join(dir, 'ca-tls.key'), 'CA TLS KEY\n');
    return {
      CA_RETAILER_TLS_TLS_CRT_FILE: join(dir, 'ca-tls.crt'),
      CA_RETAILER_TLS_TLS_KEY_FILE: join(dir, 'ca-tls.key'),
      CA_RETAILER_BOOTSTRAP_USERNAME: 'admin',
      CA_RETAILER_BOOTSTRAP_PASSWORD: 'adminpw',
    };
  };

  it('prints one kubectl command per Secret, each key from its file in the org’s crypto folder, no key material', async () => {
    const result = await runCli(['secrets', SPEC, 'retailer', '--kubectl']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/BEGIN|PRIVATE/);
    const commands = result.stdout.split(/^kubectl /m).slice(1);
    expect(commands.map((c) => c.split(/\s+/)[3])).toEqual([
      'ca-retailer-ca',
      'ca-retailer-tls',
      'ca-retailer-bootstrap',
      'peer0-msp',
      'peer0-tls',
    ]);
    const msp = commands[3]!;
    // The MSP config.yaml names cacerts/ca.<domain>-cert.pem: the Secret key the manifests mount there.
    expect(msp).toContain(
      `--from-file=ca.retailer.supply.example.com-cert.pem=${peerFolder}/msp/cacerts/ca.retailer.supply.example.com-cert.pem`,
    );
    expect(msp).toContain(`--from-file=priv_sk=${peerFolder}/msp/keystore/priv_sk`);
    for (const [, path] of result.stdout.matchAll(/--from-file=[^=\s]+=([^\s"$]+)/g))
      expect(existsSync(join(repoRoot, path!)), path).toBe(true);
    expect(commands[2]).toContain('--from-literal=password="$CA_RETAILER_BOOTSTRAP_PASSWORD"');
  });

  it('writes the Secrets with their files’ bytes to --out, owner-only, for kubeseal', async () => {
    const dir = tempDir();
    const out = join(dir, 'secrets.yaml');
    const result = await runCli(['secrets', SPEC, 'retailer', '--manifest', '--out', out], { env: storeEnv(dir) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const objects = readFileSync(out, 'utf8')
      .split(/^---$/m)
      .filter((text) => text.trim())
      .map((text) => parseYaml(text));
    const msp = objects.find((o) => o.metadata.name === 'peer0-msp');
    expect(msp.metadata.namespace).toBe('supply-retailer');
    // Never labelled managed-by netspec: apply --k8s prunes by that label.
    expect(msp.metadata.labels['app.kubernetes.io/managed-by']).toBeUndefined();
    expect(Buffer.from(msp.data.priv_sk, 'base64')).toEqual(
      readFileSync(join(repoRoot, peerFolder, 'msp/keystore/priv_sk')),
    );
    expect(Buffer.from(msp.data['config.yaml'], 'base64').toString()).toContain(
      'Certificate: cacerts/ca.retailer.supply.example.com-cert.pem',
    );
    const bootstrap = objects.find((o) => o.metadata.name === 'ca-retailer-bootstrap');
    expect(Buffer.from(bootstrap.data.password, 'base64').toString()).toBe('adminpw');
    expect(objects.find((o) => o.metadata.name === 'peer0-tls').type).toBe('kubernetes.io/tls');
  });

  it('refuses, naming each missing file, when the crypto folder lacks one; prints nothing', async () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'networks/supply-chain/crypto/retailer'), join(dir, 'retailer'), { recursive: true });
    rmSync(join(dir, 'retailer/peers/peer0.retailer.supply.example.com/tls/server.key'));
    const result = await runCli(['secrets', SPEC, 'retailer', '--kubectl', '--crypto', join(dir, 'retailer')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(join(dir, 'retailer/peers/peer0.retailer.supply.example.com/tls/server.key'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('asks for the values of the org’s own store before writing anything', async () => {
    const dir = tempDir();
    const out = join(dir, 'secrets.yaml');
    const result = await runCli(['secrets', SPEC, 'retailer', '--manifest', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CA_RETAILER_BOOTSTRAP_PASSWORD');
    expect(existsSync(out)).toBe(false);
  });
});

describe('netspec apply --k8s', () => {
  let api: FakeKubeApi;
  beforeEach(async () => {
    api = await startFakeKubeApi();
  });
  afterEach(async () => {
    await api.close();
  });

  async function bundle(): Promise<string> {
    const out = tempDir();
    expect((await runCli(['manifests', SPEC, '--out', out, '--org', 'retailer'])).code).toBe(0);
    return out;
  }

  it('applies the org folder in the spec’s context, printing JSON lines off a terminal', async () => {
    const kubeconfig = api.kubeconfig(['somewhere-else', 'retailer-ap']);
    const result = await runCliAsync(['apply', await bundle(), '--k8s', '--org', 'retailer', '--dry-run'], {
      KUBECONFIG: kubeconfig,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const patches = api.requests.filter((r) => r.method === 'PATCH');
    expect(events.filter((e) => e.event === 'applied').length).toBe(patches.length);
    expect(events.at(-1)).toEqual({
      organization: 'retailer',
      event: 'done',
      applied: patches.length,
      pruned: 0,
      dryRun: true,
    });
    for (const patch of patches) expect(patch.query).toEqual({ dryRun: 'All', fieldManager: 'netspec', force: 'true' });
  });

  it('fails with one clear line when the API refuses', async () => {
    api.failNextPatch = { status: 403, message: 'namespaces is forbidden: User "ci" cannot patch' };
    const result = await runCliAsync(['apply', await bundle(), '--k8s'], {
      KUBECONFIG: api.kubeconfig(['retailer-ap']),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error NS_K8S_API_REFUSED Kubernetes API error 403: namespaces is forbidden: User "ci" cannot patch\n' +
        "  hint: the kube context's user may not change these objects: give it RBAC rights to apply (patch) them in the organization's namespace, or use a context that has them\n",
    );
  });

  it('names an API server that does not answer as unreachable', async () => {
    const kubeconfig = api.kubeconfig(['retailer-ap']);
    const folder = await bundle();
    await api.close();
    const result = await runCliAsync(['apply', folder, '--k8s'], { KUBECONFIG: kubeconfig });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error NS_APPLY_UNREACHABLE Kubernetes API error: /);
    expect(result.stderr).toContain('  hint: check that the API server of the kube context');
  });

  it('keeps what it applied from a plan bundle as the state’s manifests last applied, which the next plan matches', async () => {
    const network = tempDir();
    cpSync(join(repoRoot, 'networks/supply-chain'), network, { recursive: true });
    const spec = join(network, 'network.yaml');
    const planBundle = join(network, 'bundle');
    expect((await runCli(['plan', spec, '--out', planBundle, '--format', 'json'])).code).toBe(2);
    const before = JSON.parse(readFileSync(join(planBundle, 'plan.json'), 'utf8'));
    expect(
      before.kubernetes.find((org: { organization: string }) => org.organization === 'retailer').create,
    ).not.toEqual([]);

    const result = await runCliAsync(['apply', planBundle, '--k8s', '--org', 'retailer'], {
      KUBECONFIG: api.kubeconfig(['retailer-ap']),
    });
    expect(result.code).toBe(0);
    const state = join(network, 'state/k8s/retailer');
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({
      organization: 'retailer',
      event: 'recorded',
      folder: state,
    });
    for (const name of ['kustomization.yaml', 'manifest.yaml'])
      expect(readFileSync(join(state, name), 'utf8')).toBe(
        readFileSync(join(planBundle, 'k8s/retailer', name), 'utf8'),
      );

    const replanned = JSON.parse((await runCli(['plan', spec, '--format', 'json'])).stdout);
    const retailer = replanned.kubernetes.find((org: { organization: string }) => org.organization === 'retailer');
    expect(retailer).toMatchObject({ create: [], change: [], prune: [] });
  });

  it('records nothing on a dry run, nor for a folder written by netspec manifests', async () => {
    const network = tempDir();
    cpSync(join(repoRoot, 'networks/supply-chain'), network, { recursive: true });
    const planBundle = join(network, 'bundle');
    await runCli(['plan', join(network, 'network.yaml'), '--out', planBundle]);
    const state = readFileSync(join(network, 'state/k8s/retailer/manifest.yaml'), 'utf8');
    const kubeconfig = { KUBECONFIG: api.kubeconfig(['retailer-ap']) };
    expect((await runCliAsync(['apply', planBundle, '--k8s', '--org', 'retailer', '--dry-run'], kubeconfig)).code).toBe(
      0,
    );
    expect(readFileSync(join(network, 'state/k8s/retailer/manifest.yaml'), 'utf8')).toBe(state);
    const plain = await runCliAsync(['apply', await bundle(), '--k8s', '--org', 'retailer'], kubeconfig);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('"recorded"');
  });

  it('refuses a kubeconfig without the org’s context', async () => {
    const result = await runCliAsync(['apply', await bundle(), '--k8s'], { KUBECONFIG: api.kubeconfig(['other']) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "netspec: kubeconfig has no context 'retailer-ap' (the spec's kubernetes.context); contexts: other\n",
    );
    expect(api.requests).toEqual([]);
  });
});
