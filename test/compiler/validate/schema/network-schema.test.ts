import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import schemaJson from '../../../../schema/network.schema.json' with { type: 'json' };
import type {
  CaSpec,
  ChaincodeSpec,
  ChannelOrdererSpec,
  ChannelSpec,
  CollectionSpec,
  ConnectionSpec,
  KubernetesPlacement,
  MspSpec,
  NetworkSpec,
  OrdererSpec,
  OrganizationSpec,
  PeerSpec,
  QuorumNetworkSpec,
  QuorumNodeSpec,
  ResourcesSpec,
  SecretRef,
  SmartBftSpec,
  UserSpec,
} from '../../../../src/compiler/model/spec.js';
import { networkSchema, runSchemaValidator } from '../../../../src/compiler/validate/schema/index.js';

type Json = Record<string, unknown>;
const schemaFile = new URL('../../../../schema/network.schema.json', import.meta.url);
const generatedFile = new URL(
  '../../../../src/compiler/validate/generated/network-schema-validator.ts',
  import.meta.url,
);

/** Every subschema with the JSON path that reaches it. */
function* walk(node: unknown, path: string): Generator<[string, Json]> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* walk(item, `${path}/${index}`);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  yield [path, node as Json];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === '$defs') {
      for (const [name, child] of Object.entries(value as Json)) yield* walk(child, `${path}/${key}/${name}`);
    } else if (typeof value === 'object' && key !== 'enum' && key !== 'examples' && key !== 'default') {
      yield* walk(value, `${path}/${key}`);
    }
  }
}
const nodes = [...walk(networkSchema, '#')];

describe('schema/network.schema.json', () => {
  it('identifies itself as a draft 2020-12 schema with an $id and a title', () => {
    expect(schemaJson.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schemaJson.$id).toMatch(/^https:\/\/.+\/network\.schema\.json$/);
    expect(schemaJson.title).toBeTruthy();
  });

  it('describes every property, definition, map value and alternative', () => {
    const described = nodes.filter(([path]) =>
      /\/(properties|\$defs)\/[^/]+$|\/additionalProperties$|\/anyOf\/\d+$/.test(path),
    );
    expect(described.length).toBeGreaterThan(150);
    const missing = described.filter(
      ([, node]) => typeof node.description !== 'string' || node.description.length < 12,
    );
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it('closes every object with fixed properties: unknown keys are errors', () => {
    const open = nodes.filter(([, node]) => node.properties !== undefined && node.additionalProperties !== false);
    expect(open.map(([path]) => path)).toEqual([]);
    // Maps (organizations, channels, policies, ...) constrain their values instead.
    const objects = nodes.filter(([, node]) => node.type === 'object');
    const unconstrained = objects.filter(([, node]) => node.additionalProperties === undefined);
    expect(unconstrained.map(([path]) => path)).toEqual([]);
  });

  it('says in words what every pattern expects', () => {
    const patterns = nodes.filter(([, node]) => typeof node.pattern === 'string');
    expect(patterns.length).toBeGreaterThan(15);
    const unexplained = patterns.filter(([, node]) => typeof node['x-expected'] !== 'string');
    expect(unexplained.map(([path]) => path)).toEqual([]);
  });

  it('keeps $ref out of anyOf branches (branch errors are grouped by schema path)', () => {
    const branches = nodes.filter(([path]) => /\/(anyOf|oneOf)\/\d+/.test(path));
    expect(branches.length).toBeGreaterThan(0);
    expect(branches.filter(([, node]) => node.$ref !== undefined).map(([path]) => path)).toEqual([]);
  });

  it('mirrors the TypeScript contract in src/compiler/model/spec.ts', () => {
    // Checked by tsc (the typecheck step), not at run time: a field added on one side only fails the build.
    expectTypeOf<keyof typeof schemaJson.properties>().toEqualTypeOf<keyof NetworkSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.organization.properties>().toEqualTypeOf<keyof OrganizationSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.msp.properties>().toEqualTypeOf<keyof MspSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.peer.properties>().toEqualTypeOf<keyof PeerSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.orderer.properties>().toEqualTypeOf<keyof OrdererSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.channel.properties>().toEqualTypeOf<keyof ChannelSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.channelOrderer.properties>().toEqualTypeOf<keyof ChannelOrdererSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.chaincode.properties>().toEqualTypeOf<keyof ChaincodeSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.collection.properties>().toEqualTypeOf<keyof CollectionSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.quorumNetwork.properties>().toEqualTypeOf<keyof QuorumNetworkSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.quorumNode.properties>().toEqualTypeOf<keyof QuorumNodeSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.ca.properties>().toEqualTypeOf<keyof CaSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.resources.properties>().toEqualTypeOf<keyof ResourcesSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.kubernetes.properties>().toEqualTypeOf<keyof KubernetesPlacement>();
    expectTypeOf<keyof typeof schemaJson.$defs.user.properties>().toEqualTypeOf<keyof UserSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.connection.properties>().toEqualTypeOf<keyof ConnectionSpec>();
    expectTypeOf<keyof typeof schemaJson.$defs.secretRef.properties>().toEqualTypeOf<keyof SecretRef>();
    expectTypeOf<keyof typeof schemaJson.$defs.smartbft.properties>().toEqualTypeOf<keyof SmartBftSpec>();
    type Server = NonNullable<ChaincodeSpec['server']>;
    expectTypeOf<keyof typeof schemaJson.$defs.chaincode.properties.server.properties>().toEqualTypeOf<keyof Server>();
    type BatchSize = NonNullable<ChannelOrdererSpec['batchSize']>;
    type BatchSizeKeys = keyof typeof schemaJson.$defs.channelOrderer.properties.batchSize.properties;
    expectTypeOf<BatchSizeKeys>().toEqualTypeOf<keyof BatchSize>();
    type Raft = NonNullable<ChannelOrdererSpec['etcdraft']>;
    expectTypeOf<keyof typeof schemaJson.$defs.channelOrderer.properties.etcdraft.properties>().toEqualTypeOf<
      keyof Raft
    >();
    // And the generated module carries this very schema.
    expect(networkSchema).toEqual(schemaJson);
  });

  it('was compiled into the generated validator from its current text', () => {
    const digest = createHash('sha256').update(readFileSync(schemaFile)).digest('hex').slice(0, 16);
    const header = readFileSync(generatedFile, 'utf8').split('\n', 3).join('\n');
    expect(header).toContain(`sha256 ${digest}`);
  });
});

describe('formats the schema accepts', () => {
  const base = (): Json => ({
    apiVersion: 'netspec/v1',
    name: 'demo',
    organizations: {
      acme: { mspId: 'AcmeMSP', domain: 'acme.example.com', roles: ['operator'], msp: { directory: 'msp' } },
    },
    channels: {
      trade: { members: ['acme'], orderer: { organizations: ['acme'], consenters: ['acme/orderer0'] } },
    },
  });
  const orderer = (spec: Json) => ((spec.channels as Json).trade as Json).orderer as Json;
  const organization = (spec: Json) => (spec.organizations as Json).acme as Json;
  const accepts = (edit: (spec: Json) => void): boolean => {
    const spec = base();
    edit(spec);
    return runSchemaValidator(spec).length === 0;
  };

  it.each(['2s', '500ms', '1m30s', '1.5s', '0', '1h', '250us', '10µs'])('duration %s', (value) => {
    expect(accepts((spec) => Object.assign(orderer(spec), { batchTimeout: value }))).toBe(true);
  });
  it.each(['2', '2 s', '2sec', '-1s', '1d', '', 's'])('not a duration: %j', (value) => {
    expect(accepts((spec) => Object.assign(orderer(spec), { batchTimeout: value }))).toBe(false);
  });

  it.each(['10 MB', '512 KB', '2MB', '98304', '1 gb', '64k', '100 B', 98304])('size %j', (value) => {
    expect(accepts((spec) => Object.assign(orderer(spec), { batchSize: { absoluteMaxBytes: value } }))).toBe(true);
  });
  it.each(['10 MiB', '1.5 MB', 'MB', '-1', 0, 1.5, 2 ** 32, true])('not a size: %j', (value) => {
    expect(accepts((spec) => Object.assign(orderer(spec), { batchSize: { absoluteMaxBytes: value } }))).toBe(false);
  });

  it.each(['Org1MSP', 'acme.msp', 'A-1'])('MSP id %s', (value) => {
    expect(accepts((spec) => Object.assign(organization(spec), { mspId: value }))).toBe(true);
  });
  it.each(['Org 1', 'org_1', '', 'Org1MSP!'])('not an MSP id: %j', (value) => {
    expect(accepts((spec) => Object.assign(organization(spec), { mspId: value }))).toBe(false);
  });

  it.each(['trade', 'a', 'supply.chain-2'])('channel name %s', (name) => {
    expect(accepts((spec) => Object.assign(spec.channels as Json, { [name]: (spec.channels as Json).trade }))).toBe(
      true,
    );
  });
  it.each(['Trade', '1trade', 'trade_x', `t${'a'.repeat(249)}`])('not a channel name: %s', (name) => {
    expect(accepts((spec) => Object.assign(spec.channels as Json, { [name]: (spec.channels as Json).trade }))).toBe(
      false,
    );
  });

  it.each(['peer0', 'p', 'a-1'])('node name %s', (name) => {
    expect(accepts((spec) => Object.assign(organization(spec), { peers: [{ name }] }))).toBe(true);
  });
  it.each(['Peer0', '-peer', 'peer-', 'peer.0', 'a'.repeat(64)])('not a node name: %s', (name) => {
    expect(accepts((spec) => Object.assign(organization(spec), { peers: [{ name }] }))).toBe(false);
  });

  it.each([1, 7051, 65535])('port %d', (port) => {
    expect(accepts((spec) => Object.assign(organization(spec), { peers: [{ name: 'peer0', port }] }))).toBe(true);
  });
  it.each([0, 65536, -1, 7051.5])('not a port: %d', (port) => {
    expect(accepts((spec) => Object.assign(organization(spec), { peers: [{ name: 'peer0', port }] }))).toBe(false);
  });

  it.each(['@alice', '@acme/fabric-admins', '@a-b/team.x_y'])('approver %s', (approver) => {
    expect(accepts((spec) => Object.assign(organization(spec), { approvers: [approver] }))).toBe(true);
  });
  it.each(['alice', '@', '@acme/', '@a/b/c', '@al ice'])('not an approver: %j', (approver) => {
    expect(accepts((spec) => Object.assign(organization(spec), { approvers: [approver] }))).toBe(false);
  });

  it.each([
    ['NS_RAFT_SINGLE_CONSENTER'],
    [{ code: 'NS_RAFT_SINGLE_CONSENTER' }],
    [{ code: 'NS_RAFT_SINGLE_CONSENTER', target: 'trade', reason: 'development network' }],
  ])('allow entry %j', (entry) => {
    expect(accepts((spec) => Object.assign(spec, { allow: [entry] }))).toBe(true);
  });
  it.each([['ns_raft'], [{ reason: 'x' }], [{ code: 'NS_X', until: 'never' }], [7]])(
    'not an allow entry: %j',
    (entry) => {
      expect(accepts((spec) => Object.assign(spec, { allow: [entry] }))).toBe(false);
    },
  );

  const hex128 = 'a1'.repeat(64);
  it.each([hex128, `0x${hex128}`, hex128.toUpperCase()])('public key %#', (publicKey) => {
    const quorum = {
      q: {
        client: 'besu',
        consensus: 'qbft',
        chainId: 1,
        validators: [{ name: 'v0', organization: 'acme', publicKey }],
      },
    };
    expect(accepts((spec) => Object.assign(spec, { quorum }))).toBe(true);
  });
  it.each([hex128.slice(2), `04${hex128}`, `0x${hex128.slice(1)}g`])('not a public key %#', (publicKey) => {
    const quorum = {
      q: {
        client: 'besu',
        consensus: 'qbft',
        chainId: 1,
        validators: [{ name: 'v0', organization: 'acme', publicKey }],
      },
    };
    expect(accepts((spec) => Object.assign(spec, { quorum }))).toBe(false);
  });

  it.each(['NETSPEC_KEY', '_x', 'a1'])('secret name %s', (secret) => {
    const identities = { acme: { certificate: { secret }, privateKey: { secret } } };
    expect(accepts((spec) => Object.assign(spec, { connection: { identities } }))).toBe(true);
  });
  it.each(['1KEY', 'MY-KEY', '-----BEGIN PRIVATE KEY-----'])('not a secret name %s', (secret) => {
    const identities = { acme: { certificate: { secret }, privateKey: { secret: 'OK' } } };
    expect(accepts((spec) => Object.assign(spec, { connection: { identities } }))).toBe(false);
  });
});
