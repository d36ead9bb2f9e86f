// The certificate facts of the supply-chain example: every MSP CA and TLS CA, every node's TLS certificate and every
// consenter's, each with the notAfter node:crypto reads from the file itself, merged with the live configs'; and the
// expiry warnings a given moment yields, positioned where the spec names each certificate.
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateInventory, expiryFindings } from '../../../src/compiler/certificates/index.js';
import { configFromBlock } from '../../../src/compiler/fabric/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const example = join(repoRoot, 'networks', 'supply-chain');
const loaded = loadSpec(join(example, 'network.yaml')).value!;
const plan = makePlan({
  loaded,
  specFile: join(example, 'network.yaml'),
  stateDir: join(example, 'state'),
  timestamp: new Date(0),
}).plan!;
const facts = plan.certificates!;

function notAfterOf(file: string): string {
  return new Date(new X509Certificate(readFileSync(join(example, file))).validTo).toISOString();
}

describe('certificateInventory', () => {
  it('lists each org’s CA and TLS CA from its MSP folder, with the file’s own expiry, merged with the live configs', () => {
    for (const org of loaded.model.organizations) {
      for (const [folder, kind] of [
        ['cacerts', 'ca'],
        ['tlscacerts', 'tls-ca'],
      ] as const) {
        const dir = join('crypto', org.name, 'msp', folder);
        const [file] = readdirSync(join(example, dir));
        const fact = facts.find((f) => f.organization === org.name && f.kind === kind);
        expect(fact, `${org.name} ${kind}`).toMatchObject({
          notAfter: notAfterOf(join(dir, file!)),
          at: ['organizations', org.name, 'msp', 'directory'],
        });
        expect(fact!.sources[0]).toBe(join(dir, file!));
      }
    }
    // A member already in the live channels: its CA is also in the live config of both channels.
    const manufacturerCa = facts.find((f) => f.organization === 'manufacturer' && f.kind === 'ca')!;
    expect(manufacturerCa.sources.slice(1)).toEqual([
      'the live config of production',
      'the live config of distribution',
    ]);
    // The retailer joins with this plan: nothing live names it yet.
    expect(facts.filter((f) => f.organization === 'retailer').every((f) => f.sources.length === 1)).toBe(true);
  });

  it('lists every peer’s and orderer’s TLS certificate and every consenter’s, one fact per role', () => {
    for (const org of loaded.model.organizations) {
      for (const peer of org.peers) {
        const fact = facts.find((f) => f.kind === 'node-tls' && f.organization === org.name && f.node === peer.name);
        expect(fact?.notAfter).toBe(notAfterOf(join('crypto', org.name, 'peers', peer.host, 'tls', 'server.crt')));
      }
      for (const orderer of org.orderers)
        expect(facts.some((f) => f.kind === 'node-tls' && f.node === orderer.name)).toBe(true);
    }
    const consenters = new Set(loaded.model.channels.flatMap((c) => c.orderer.consenters.map((n) => n.ref)));
    const consenterFacts = facts.filter((f) => f.kind === 'consenter-tls');
    expect(new Set(consenterFacts.map((f) => `${f.organization}/${f.node}`))).toEqual(consenters);
    for (const fact of consenterFacts) expect(fact.sources).toContain('the live config of production');
    // Facts are the same for the same inputs: the plan's are what a fresh inventory yields.
    expect(certificateInventory(loaded.model, [])).toEqual(
      facts
        .map(({ sources, ...fact }) => ({ ...fact, sources: sources.filter((s) => !s.startsWith('the live config')) }))
        .filter((f) => f.sources.length > 0),
    );
  });
});

describe('expiryFindings', () => {
  const DAY = 86_400_000;
  const first = [...facts].sort((a, b) => a.notAfter.localeCompare(b.notAfter))[0]!;

  it('warns about each certificate expiring within the period, and about expired ones', () => {
    const now = new Date(Date.parse(first.notAfter) - 10 * DAY - 1000);
    const findings = expiryFindings(facts, loaded.model, { now, warningDays: 30 });
    const expiringSoon = facts.filter((f) => Date.parse(f.notAfter) - now.getTime() < 30 * DAY);
    expect(findings).toHaveLength(expiringSoon.length);
    expect(findings[0]).toMatchObject({ code: 'NS_CERT_EXPIRING', severity: 'warning' });
    expect(findings.map((f) => f.message)).toContain(
      `the CA certificate of ${first.organization} (${first.subject}) expires on ${first.notAfter.slice(0, 10)}, in 10 days; named in ${first.sources.join(', ')}`,
    );
    expect(expiryFindings(facts, loaded.model, { now, warningDays: 10 })).toEqual([]);

    const later = new Date(Date.parse(first.notAfter) + DAY);
    expect(expiryFindings([first], loaded.model, { now: later, warningDays: 30 })[0]!.message).toContain(
      `expired on ${first.notAfter.slice(0, 10)}`,
    );
  });
});

describe('certificateInventory of a live config netspec did not write', () => {
  // The Fabric 3 SmartBFT genesis block configtxgen made, and its configtxlator JSON: every certificate the JSON
  // shows must be in the inventory read from the block's bytes, under the MSP id or consenter the JSON names.
  const fixtures = join(repoRoot, 'test', 'fixtures', 'fabric3');
  const block = new Uint8Array(readFileSync(join(fixtures, 'genesis.block')));
  const json = JSON.parse(readFileSync(join(fixtures, 'genesis.json'), 'utf8'));
  const group = json.data.data[0].payload.data.config.channel_group;
  const fromJson = (base64: string) => {
    const certificate = new X509Certificate(Buffer.from(base64, 'base64'));
    return { notAfter: new Date(certificate.validTo).toISOString(), sha256: certificate.fingerprint256 };
  };
  const sha256Hex = (fingerprint: string) => fingerprint.replaceAll(':', '').toLowerCase();
  const live = certificateInventory(loaded.model, [
    { channel: 'bft', file: 'the live config of bft', config: configFromBlock(block).value! },
  ]);

  it('lists the MSP CAs of organizations only the live config has, under their MSP ids', () => {
    for (const section of ['Application', 'Orderer']) {
      for (const org of Object.values(group.groups[section].groups) as {
        values: { MSP: { value: { config: unknown } } };
      }[]) {
        const msp = org.values.MSP.value.config as { name: string; root_certs: string[] };
        for (const root of msp.root_certs) {
          const expected = fromJson(root);
          const fact = live.find((f) => f.kind === 'ca' && f.sha256 === sha256Hex(expected.sha256));
          expect(fact).toMatchObject({ organization: msp.name, notAfter: expected.notAfter });
          expect(fact!.sources).toEqual(['the live config of bft']);
        }
      }
    }
  });

  it('lists each BFT consenter’s TLS and identity certificates from the consenter mapping', () => {
    const mapping = group.groups.Orderer.values.Orderers.value.consenter_mapping;
    expect(mapping.length).toBe(4);
    for (const consenter of mapping) {
      const node = `${consenter.host}:${consenter.port}`;
      for (const [kind, field] of [
        ['consenter-tls', 'server_tls_cert'],
        ['consenter-tls', 'client_tls_cert'],
        ['consenter-identity', 'identity'],
      ] as const) {
        const expected = fromJson(consenter[field]);
        expect(
          live.some(
            (f) =>
              f.kind === kind &&
              f.organization === consenter.msp_id &&
              f.node === node &&
              f.sha256 === sha256Hex(expected.sha256) &&
              f.notAfter === expected.notAfter,
          ),
          `${node} ${field}`,
        ).toBe(true);
      }
    }
  });
});
