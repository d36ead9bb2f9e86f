// Certificate and CA rotation as reviewed spec edits on the supply-chain example, planned against a live state
// equal to the spec before the edit: the plan orders the updates (new root first, one consenter per update, old
// root last), judges every stage with the guards, and refuses the unsafe orders with their reasons and positions:
// an old root removed while consenters still use it, two consenters rotated in one update, an expired certificate.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/bytes.js';
import { positionOf } from '../../../src/compiler/diagnostics/index.js';
import { channelConfigJson } from '../../../src/compiler/fabric/config/channel-config.js';
import {
  buildGenesisBlock,
  computeUpdate,
  configBlockInfo,
  encode,
  fromJson,
  type Json,
  toJson,
} from '../../../src/compiler/fabric/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { renderMarkdown } from '../../../src/compiler/render/index.js';
import {
  certificateAuthorityFromPem,
  issueCaCertificate,
  issueLeafCertificate,
} from '../../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyFromPem } from '../../../src/crypto/key-pair.js';
import { renderReportText } from '../../../src/governance/render-report.js';
import { verifyAt, writeTestBundle } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

const DOMAIN = 'operator.supply.example.com';
const ORDERERS = ['orderer0', 'orderer1', 'orderer2'];
const example = join(repoRoot, 'networks/supply-chain');
const original = readFileSync(join(example, 'network.yaml'), 'utf8');
const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the example whose live state is exactly its spec (genesis blocks of both channels). */
function network() {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-rotation-'));
  roots.push(dir);
  cpSync(join(example, 'crypto'), join(dir, 'crypto'), { recursive: true });
  const specFile = join(dir, 'network.yaml');
  writeFileSync(specFile, original);
  const model = loadSpec(specFile).value!.model;
  const stateDir = join(dir, 'state');
  mkdirSync(join(stateDir, 'fabric'), { recursive: true });
  // The committed chaincodes as the example records them; the config blocks as the spec makes them.
  for (const file of readdirSync(join(example, 'state/fabric')).filter((f) => !f.endsWith('.block')))
    cpSync(join(example, 'state/fabric', file), join(stateDir, 'fabric', file));
  for (const channel of ['production', 'distribution'])
    writeFileSync(
      join(stateDir, 'fabric', `${channel}.block`),
      buildGenesisBlock(model, channel, new Date('2026-12-01T00:00:00Z')).value!,
    );
  return { dir, specFile, stateDir };
}

function plan(net: ReturnType<typeof network>, text: string) {
  writeFileSync(net.specFile, text);
  const loaded = loadSpec(net.specFile);
  if (!loaded.value) throw new Error(loaded.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const result = makePlan({
    loaded: loaded.value,
    specFile: net.specFile,
    stateDir: net.stateDir,
    timestamp: new Date(0),
  });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return { ...result, plan: result.plan, loaded: loaded.value, text };
}

/** The spec with each named orderer pointed at a certificate file. */
function withTlsCerts(certs: Record<string, string>): string {
  return Object.entries(certs).reduce(
    (text, [name, file]) =>
      text.replace(
        `      - name: ${name}\n        port: 7050\n`,
        `      - name: ${name}\n        port: 7050\n        tlsCert: ${file}\n`,
      ),
    original,
  );
}

/** A TLS server certificate for an orderer, issued by `ca`, written under its tls/ folder. */
async function issueOrdererTls(
  dir: string,
  name: string,
  ca: Awaited<ReturnType<typeof issueCaCertificate>>,
  file: string,
  validity: { now?: Date; notAfter?: Date } = {},
): Promise<string> {
  const host = `${name}.${DOMAIN}`;
  const keys = await generateSigningKeyPair();
  const pem = await issueLeafCertificate(
    {
      commonName: host,
      organization: DOMAIN,
      purpose: 'tls',
      dnsNames: [host, name],
      publicKey: keys.publicKey,
      ...(validity.notAfter ? { notAfter: validity.notAfter } : {}),
    },
    ca,
    validity.now,
  );
  const path = `crypto/operator/orderers/${host}/tls/${file}`;
  writeFileSync(join(dir, path), pem);
  return path;
}

/** The operator's development TLS CA as netspec crypto made it. */
async function currentTlsCa(dir: string) {
  return certificateAuthorityFromPem(
    readFileSync(join(dir, `crypto/operator/tlsca/tlsca.${DOMAIN}-cert.pem`), 'utf8'),
    await privateKeyFromPem(readFileSync(join(dir, 'crypto/operator/tlsca/priv_sk'), 'utf8')),
  );
}

/** The operator's TLS CA replaced in its MSP folder: the new root in, the old one out. */
async function replaceTlsRoot(dir: string) {
  const ca = await issueCaCertificate(`tlsca2.${DOMAIN}`, DOMAIN, await generateSigningKeyPair());
  const folder = join(dir, 'crypto/operator/msp/tlscacerts');
  for (const file of readdirSync(folder)) rmSync(join(folder, file));
  writeFileSync(join(folder, `tlsca2.${DOMAIN}-cert.pem`), ca.pem);
  return ca;
}

const stagesOf = (p: ReturnType<typeof plan>, channel = 'production') =>
  p.plan.channels.find((c) => c.channel === channel)!.stages?.map((s) => `${s.number} ${s.kind} ${s.status}`);
const at = (p: ReturnType<typeof plan>, index: number) => {
  const { line, column } = positionOf(p.text, p.plan.guards[index]!.diagnostic.ranges[0]!.start);
  return `${line}:${column}`;
};
const lineOf = (text: string, needle: string, nth = 0) =>
  text
    .split('\n')
    .map((line, index) => [line, index + 1] as const)
    .filter(([line]) => line.includes(needle))[nth]![1];

describe('rotation planned as ordered stages', () => {
  it('rotates a TLS CA: new root beside the old, one consenter per update, old root removed last', async () => {
    const net = network();
    const ca = await replaceTlsRoot(net.dir);
    const certs: Record<string, string> = {};
    for (const name of ORDERERS) certs[name] = await issueOrdererTls(net.dir, name, ca, 'server-ca2.crt');
    const result = plan(net, withTlsCerts(certs));
    expect(result.plan.guards).toEqual([]);
    for (const channel of ['production', 'distribution'])
      expect(stagesOf(result, channel)).toEqual([
        '1 add-roots this',
        '2 rotate-consenter later',
        '3 rotate-consenter later',
        '4 rotate-consenter later',
        '5 remove-roots later',
      ]);
    // Stage 1 only adds the new TLS root to the operator's MSP.
    const production = result.plan.channels.find((c) => c.channel === 'production')!;
    expect(production.delta.map((d) => `${d.change} ${d.path}`)).toEqual(['modify /Channel/Orderer/OperatorMSP/MSP']);
    const markdown = renderMarkdown(result.plan, result.loaded.model, { sources: { get: () => result.text } });
    expect(markdown).toContain('#### Stages: 1 of 5');
    expect(markdown).toContain('1. 👉 **this bundle**: new CA roots added beside the old ones (OperatorMSP)');
    expect(markdown).toMatch(
      /2\. later: TLS certificate of consenter orderer0\.operator\.supply\.example\.com:7050 — then restart that node/,
    );
    expect(markdown).toContain('5. later: old CA roots removed (OperatorMSP)');
  });

  it('refuses removing the old TLS root while the consenters still use certificates it issued', async () => {
    const net = network();
    await replaceTlsRoot(net.dir);
    // The new root only: the consenters keep their old certificates.
    const result = plan(net, original);
    expect(stagesOf(result)).toEqual(['1 add-roots this', '2 remove-roots later']);
    const found = result.plan.guards.filter((g) => g.target === 'production');
    expect(found.map((g) => g.diagnostic.code)).toEqual(['NS_GUARD_ROOT_IN_USE']);
    expect(found[0]!.diagnostic.message).toMatch(
      /^stage 2 of 2: channel 'production' removes the TLS CA root '.*CN=tlsca\.operator\.supply\.example\.com' from OperatorMSP while consenter orderer0\.operator\.supply\.example\.com:7050, consenter orderer1\.operator\.supply\.example\.com:7050, consenter orderer2\.operator\.supply\.example\.com:7050, orderer orderer0\.operator\.supply\.example\.com, .* still hold certificates it issued/,
    );
    // At the first consenter of the channel, with the others as related places.
    const consenters = lineOf(result.text, 'consenters: [operator/orderer0');
    expect(at(result, result.plan.guards.indexOf(found[0]!))).toBe(`${consenters}:20`);
    expect(result.plan.summary.blocked).toBe(true);
  });

  it('refuses consenter certificates from a CA whose root the channel does not hold yet', async () => {
    const net = network();
    // A new TLS CA, but the operator's MSP keeps only the old root.
    const ca = await issueCaCertificate(`tlsca2.${DOMAIN}`, DOMAIN, await generateSigningKeyPair());
    const certs: Record<string, string> = {};
    for (const name of ORDERERS) certs[name] = await issueOrdererTls(net.dir, name, ca, 'server-ca2.crt');
    const result = plan(net, withTlsCerts(certs));
    const found = result.plan.guards.filter((g) => g.target === 'production');
    expect(found.map((g) => g.diagnostic.message.replace(/'[^']*CN=tlsca2[^']*'/, "'…'"))).toEqual([
      "channel 'production' would give consenter orderer0.operator.supply.example.com:7050 a TLS certificate issued by '…', which no orderer organization's TLS root in the channel vouches for; the orderer refuses it",
      "stage 2 of 3: channel 'production' would give consenter orderer1.operator.supply.example.com:7050 a TLS certificate issued by '…', which no orderer organization's TLS root in the channel vouches for; the orderer refuses it",
      "stage 3 of 3: channel 'production' would give consenter orderer2.operator.supply.example.com:7050 a TLS certificate issued by '…', which no orderer organization's TLS root in the channel vouches for; the orderer refuses it",
    ]);
    expect(found.map((g) => g.diagnostic.code)).toEqual(Array(3).fill('NS_GUARD_CONSENTER_CERT_UNTRUSTED'));
    const consenters = lineOf(result.text, 'consenters: [operator/orderer0');
    expect(at(result, result.plan.guards.indexOf(found[1]!))).toBe(`${consenters}:39`);
  });

  it('refuses an update rotating two consenters at once, in verify, with the reason', async () => {
    const net = network();
    const tlsCa = await currentTlsCa(net.dir);
    const certs: Record<string, string> = {};
    for (const name of ['orderer0', 'orderer1'])
      certs[name] = await issueOrdererTls(net.dir, name, tlsCa, 'server-new.crt');
    const result = plan(net, withTlsCerts(certs));
    expect(result.plan.guards).toEqual([]);
    expect(stagesOf(result)).toEqual(['1 rotate-consenter this', '2 rotate-consenter later']);

    // A hand-made bundle carrying both rotations in one update (as compute-update would make it).
    const block = configBlockInfo(new Uint8Array(readFileSync(join(net.stateDir, 'fabric/production.block'))));
    const live = fromJson('common.Config', toJson('common.Config', block.value!.config).value!).value!;
    const desired = fromJson('common.Config', channelConfigJson(result.loaded.model, 'production') as Json).value!;
    const both = encode('common.ConfigUpdate', computeUpdate('production', live, desired).value!).value!;
    const artifacts = new Map(result.artifacts);
    artifacts.set('fabric/production/update.pb', both);
    const doctored = structuredClone(result.plan);
    doctored.channels.find((c) => c.channel === 'production')!.artifactHash = sha256Hex(both);
    const bundleDir = join(mkdtempSync(join(net.dir, 'bundle-')), 'bundle');
    writeTestBundle(bundleDir, doctored, artifacts);
    const report = verifyAt(bundleDir, { specFile: net.specFile, stateDir: net.stateDir }).report;
    expect(report.status).toBe('invalid');
    const problems = report.updates
      .find((u) => u.channel === 'production')!
      .problems.map((p) => `${p.code} ${p.message}`)
      .join('\n');
    // Printed at the first rotated consenter in the production channel's list (found by reading the text).
    const lines = result.text.split('\n');
    const listLine = lines.findIndex(
      (line, index) => index > lines.indexOf('  production:') && line.startsWith('      consenters: ['),
    );
    const column = lines[listLine]!.indexOf('operator/orderer0') + 1;
    expect(renderReportText(report)).toContain(
      `  ${net.specFile}:${listLine + 1}:${column} error NS_GUARD_CONSENTER_ROTATIONS refused by a safety guard:`,
    );
    expect(problems).toMatch(
      /NS_GUARD_CONSENTER_ROTATIONS refused by a safety guard: channel 'production' changes 2 Raft consenters in one update, 2 of them by a new TLS certificate \(~orderer0\.operator\.supply\.example\.com:7050, ~orderer1\.operator\.supply\.example\.com:7050\); a rotated node is out of the cluster until it restarts/,
    );
  });

  it('refuses putting an expired TLS certificate into a consenter, at the consenter', async () => {
    const net = network();
    const tlsCa = await currentTlsCa(net.dir);
    const expired = await issueOrdererTls(net.dir, 'orderer1', tlsCa, 'server-old.crt', {
      now: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const result = plan(net, withTlsCerts({ orderer1: expired }));
    const found = result.plan.guards.filter((g) => g.target === 'production');
    expect(found.map((g) => g.diagnostic.code)).toEqual(['NS_GUARD_CONSENTER_CERT_EXPIRED']);
    expect(found[0]!.diagnostic.message).toBe(
      "channel 'production' would give consenter orderer1.operator.supply.example.com:7050 a TLS certificate that expired on 2025-01-01T00:00:00.000Z; the other consenters refuse it, so the node would leave its cluster with this update",
    );
    const consenters = lineOf(result.text, 'consenters: [operator/orderer0');
    expect(at(result, result.plan.guards.indexOf(found[0]!))).toBe(`${consenters}:39`);
  });

  it('rotates an identity CA: its root overlaps the old one while the admin and peers re-enroll', async () => {
    const net = network();
    const org = 'manufacturer.supply.example.com';
    const ca = await issueCaCertificate(`ca.${org}`, org, await generateSigningKeyPair());
    // The new CA in the MSP folder under the old file name: config.yaml's NodeOUs now name it too.
    writeFileSync(join(net.dir, `crypto/manufacturer/msp/cacerts/ca.${org}-cert.pem`), ca.pem);
    const unsafe = plan(net, original);
    expect(stagesOf(unsafe)).toEqual(['1 add-roots this', '2 changes later', '3 remove-roots later']);
    // While the admin and the peers still hold certificates from the old CA, its removal is refused.
    const found = unsafe.plan.guards.filter((g) => g.target === 'production');
    expect(found.map((g) => g.diagnostic.code)).toEqual(['NS_GUARD_ROOT_IN_USE']);
    expect(found[0]!.diagnostic.message).toMatch(
      /^stage 3 of 3: channel 'production' removes the CA root '.*CN=ca\.manufacturer\.supply\.example\.com' from ManufacturerMSP while peer peer0\.manufacturer\.supply\.example\.com, peer peer1\.manufacturer\.supply\.example\.com, the admin of ManufacturerMSP still hold certificates it issued/,
    );
    expect(at(unsafe, unsafe.plan.guards.indexOf(found[0]!))).toBe(`${lineOf(unsafe.text, '- name: peer0')}:9`);

    // Re-enrolled from the new CA, the same edit plans cleanly: the root overlaps, then the old one goes.
    const enroll = async (path: string, commonName: string, organizationalUnit: string) => {
      const keys = await generateSigningKeyPair();
      const pem = await issueLeafCertificate(
        { commonName, organization: org, organizationalUnit, purpose: 'identity', publicKey: keys.publicKey },
        ca,
      );
      writeFileSync(join(net.dir, 'crypto/manufacturer', path), pem);
    };
    await enroll(`users/Admin@${org}/msp/signcerts/Admin@${org}-cert.pem`, `Admin@${org}`, 'admin');
    for (const peer of ['peer0', 'peer1'])
      await enroll(`peers/${peer}.${org}/msp/signcerts/${peer}.${org}-cert.pem`, `${peer}.${org}`, 'peer');
    const safe = plan(net, original);
    expect(safe.plan.guards).toEqual([]);
    expect(stagesOf(safe)).toEqual(['1 add-roots this', '2 changes later', '3 remove-roots later']);
    const production = safe.plan.channels.find((c) => c.channel === 'production')!;
    expect(production.delta.map((d) => `${d.change} ${d.path}`)).toEqual([
      'modify /Channel/Application/ManufacturerMSP/MSP',
    ]);
  });
});
