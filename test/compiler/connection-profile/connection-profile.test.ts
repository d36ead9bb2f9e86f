// The common connection profile of the supply-chain example's orgs: peers with the org's TLS CA, the orderers
// of its channels with the operator's TLS CA, its CA, only its channels; overrides; refusals; stable bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildConnectionProfile,
  type ConnectionProfile,
  renderConnectionProfile,
} from '../../../src/compiler/connection-profile/index.js';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { copySupplyChain, EXAMPLE } from '../../apply/fabric-ca/_supply-chain-copy.js';

const model = () => loadSpec(join(EXAMPLE, 'network.yaml')).value!.model;
const pem = (org: string) =>
  readFileSync(join(EXAMPLE, 'crypto', org, 'msp', 'tlscacerts', `tlsca.${org}.supply.example.com-cert.pem`), 'utf8');
const profileOf = (org: string, channel?: string): ConnectionProfile => {
  const result = buildConnectionProfile(model(), org, channel ? { channel } : {});
  if (!result.ok) throw new Error(result.problem);
  return result.profile;
};
const ORDERERS = ['orderer0', 'orderer1', 'orderer2'].map((n) => `${n}.operator.supply.example.com`);

describe('buildConnectionProfile', () => {
  it('lists the manufacturer’s peers, its channels’ orderers, its CA and its channels', () => {
    const profile = profileOf('manufacturer');
    expect(profile.name).toBe('supply-chain-manufacturer');
    expect(profile.version).toBe('1.0.0');
    expect(profile.client.organization).toBe('ManufacturerMSP');
    expect(profile.organizations).toEqual({
      ManufacturerMSP: {
        mspid: 'ManufacturerMSP',
        peers: ['peer0.manufacturer.supply.example.com', 'peer1.manufacturer.supply.example.com'],
        certificateAuthorities: ['ca.manufacturer.supply.example.com'],
      },
    });
    expect(profile.peers['peer0.manufacturer.supply.example.com']).toEqual({
      url: 'grpcs://peer0.manufacturer.supply.example.com:7051',
      tlsCACerts: { pem: pem('manufacturer') },
      grpcOptions: {
        'ssl-target-name-override': 'peer0.manufacturer.supply.example.com',
        hostnameOverride: 'peer0.manufacturer.supply.example.com',
      },
    });
    expect(Object.keys(profile.orderers)).toEqual(ORDERERS);
    expect(profile.orderers[ORDERERS[1]!]!.url).toBe('grpcs://orderer1.operator.supply.example.com:7050');
    expect(profile.orderers[ORDERERS[1]!]!.tlsCACerts.pem).toBe(pem('operator'));
    expect(profile.certificateAuthorities).toEqual({
      'ca.manufacturer.supply.example.com': {
        url: 'https://ca.manufacturer.supply.example.com:7054',
        caName: 'ca-manufacturer',
        tlsCACerts: { pem: [pem('manufacturer')] },
      },
    });
    expect(Object.keys(profile.channels)).toEqual(['production', 'distribution']);
    expect(profile.channels.production!.orderers).toEqual(ORDERERS);
    expect(profile.channels.production!.peers['peer1.manufacturer.supply.example.com']).toEqual({
      endorsingPeer: true,
      chaincodeQuery: true,
      ledgerQuery: true,
      eventSource: true,
    });
  });

  it('gives the retailer only the channel it is in, and refuses a channel it is not in', () => {
    expect(Object.keys(profileOf('retailer').channels)).toEqual(['distribution']);
    expect(Object.keys(profileOf('manufacturer', 'distribution').channels)).toEqual(['distribution']);
    expect(buildConnectionProfile(model(), 'retailer', { channel: 'production' })).toEqual({
      ok: false,
      problem: "organization 'retailer' is not in channel 'production' (its channels: distribution)",
    });
    expect(buildConnectionProfile(model(), 'retailer', { channel: 'distributon' })).toEqual({
      ok: false,
      problem: "no channel 'distributon' in the spec (did you mean 'distribution'?)",
    });
    expect(buildConnectionProfile(model(), 'retailr')).toEqual({
      ok: false,
      problem: "no organization 'retailr' in the spec (did you mean 'retailer'?)",
    });
  });

  it('the operator (orderers only) gets its channels’ orderers and no peers', () => {
    const profile = profileOf('operator');
    expect(profile.peers).toEqual({});
    expect(profile.channels.distribution).toEqual({ orderers: ORDERERS, peers: {} });
  });

  it('uses an endpoint override’s url and TLS CA file, keeping the real host for TLS name checks', () => {
    const spec = copySupplyChain((yaml) =>
      yaml.replace(
        'connection:\n',
        'connection:\n  endpoints:\n    manufacturer/peer1: { url: "peer1.example.net:443", tlsCaCert: crypto/operator/msp/tlscacerts/tlsca.operator.supply.example.com-cert.pem }\n    operator/orderer0: { url: "grpc://localhost:7050" }\n',
      ),
    );
    const loaded = loadSpec(spec);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = buildConnectionProfile(loaded.value!.model, 'manufacturer');
    if (!result.ok) throw new Error(result.problem);
    const peer1 = result.profile.peers['peer1.manufacturer.supply.example.com']!;
    expect(peer1.url).toBe('grpcs://peer1.example.net:443');
    expect(peer1.tlsCACerts.pem).toBe(pem('operator'));
    expect(peer1.grpcOptions['ssl-target-name-override']).toBe('peer1.manufacturer.supply.example.com');
    expect(result.profile.orderers[ORDERERS[0]!]!.url).toBe('grpc://localhost:7050');
  });

  it('names the CA as requests name it: caName omitted for ca.name null, the spec’s name otherwise', () => {
    const profileFor = (caLines: string) => {
      const spec = copySupplyChain((yaml) => yaml.replace('    ca:\n      port: 7054\n', `    ca:\n${caLines}`));
      const loaded = loadSpec(spec);
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const result = buildConnectionProfile(loaded.value!.model, 'manufacturer');
      if (!result.ok) throw new Error(result.problem);
      return result.profile;
    };
    // null: the server's default CA answers a request without caname, so the profile names none.
    const byDefault = profileFor('      name: null\n      port: 7054\n').certificateAuthorities;
    expect(byDefault).toEqual({
      'ca.manufacturer.supply.example.com': {
        url: 'https://ca.manufacturer.supply.example.com:7054',
        tlsCACerts: { pem: [pem('manufacturer')] },
      },
    });
    expect('caName' in byDefault['ca.manufacturer.supply.example.com']!).toBe(false);
    expect(renderConnectionProfile(profileFor('      name: null\n      port: 7054\n'), 'yaml').includes('caName')).toBe(
      false,
    );
    const named = profileFor('      name: acme-ca\n      port: 7054\n').certificateAuthorities;
    expect(named['ca.manufacturer.supply.example.com']!.caName).toBe('acme-ca');
  });

  it('trusts the CA’s own TLS root (ca.tlsCACert) for the CA entry, the MSP’s TLS roots for the peers', () => {
    const spec = copySupplyChain((yaml) =>
      yaml.replace(
        '    ca:\n      port: 7054\n',
        '    ca:\n      port: 7054\n      tlsCACert: crypto/operator/tlsca/tlsca.operator.supply.example.com-cert.pem\n',
      ),
    );
    const loaded = loadSpec(spec);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = buildConnectionProfile(loaded.value!.model, 'manufacturer');
    if (!result.ok) throw new Error(result.problem);
    const operatorTlsRoot = readFileSync(
      join(EXAMPLE, 'crypto', 'operator', 'tlsca', 'tlsca.operator.supply.example.com-cert.pem'),
      'utf8',
    );
    expect(result.profile.certificateAuthorities['ca.manufacturer.supply.example.com']!.tlsCACerts.pem).toEqual([
      `${operatorTlsRoot.trim()}\n`,
    ]);
    expect(result.profile.peers['peer0.manufacturer.supply.example.com']!.tlsCACerts.pem).toBe(pem('manufacturer'));
  });

  it('lists only the CAs the spec defines: an organization without ca: has none', () => {
    const spec = copySupplyChain((yaml) => yaml.replace('    ca:\n      port: 7054\n', ''));
    const result = buildConnectionProfile(loadSpec(spec).value!.model, 'manufacturer');
    if (!result.ok) throw new Error(result.problem);
    expect(result.profile.organizations.ManufacturerMSP!.certificateAuthorities).toEqual([]);
    expect(result.profile.certificateAuthorities).toEqual({});
    expect(profileOf('distributor').certificateAuthorities).toEqual({
      'ca.distributor.supply.example.com': {
        url: 'https://ca.distributor.supply.example.com:7054',
        caName: 'ca-distributor',
        tlsCACerts: { pem: [pem('distributor')] },
      },
    });
  });

  it('renders YAML and JSON that parse back to the same profile, byte-identical run to run', () => {
    const profile = profileOf('manufacturer');
    const yaml = renderConnectionProfile(profile, 'yaml');
    const json = renderConnectionProfile(profile, 'json');
    expect(parse(yaml)).toEqual(profile);
    expect(JSON.parse(json)).toEqual(profile);
    expect(renderConnectionProfile(profileOf('manufacturer'), 'yaml')).toBe(yaml);
    expect(yaml.startsWith('name: supply-chain-manufacturer\nversion: 1.0.0\nclient:\n')).toBe(true);
    // PEMs are literal blocks, not escaped one-liners.
    expect(yaml).toContain('      pem: |\n        -----BEGIN CERTIFICATE-----\n');
  });
});
