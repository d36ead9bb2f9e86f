import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigJson, ConfigUpdateJson } from '../../src/compiler/fabric/index.js';
import { configWrites, resolvePolicy, whoMustSign } from '../../src/policy/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/fabric');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;

/** The sample config with more application orgs (copies of SampleOrg under other MSP ids). */
function configWithOrgs(ids: string[]): ConfigJson {
  const config = readJson<ConfigJson>('config.json');
  const application = config.channel_group.groups.Application!;
  const template = JSON.stringify(application.groups.SampleOrg);
  application.groups = Object.fromEntries(ids.map((id) => [id, JSON.parse(template.replaceAll('SampleOrg', id))]));
  return config;
}

function emptyGroup(version = '0'): ConfigUpdateJson['read_set'] {
  return { groups: {}, mod_policy: '', policies: {}, values: {}, version };
}

describe('whoMustSign', () => {
  it("finds configtxlator's BatchSize update needs the orderer admins", () => {
    const { writes, requirements } = whoMustSign(readJson('config.json'), readJson('batchsize-update.json'));
    expect(writes).toEqual([
      {
        path: '/Channel/Orderer/BatchSize',
        kind: 'value',
        change: 'modify',
        fromVersion: '0',
        toVersion: '1',
        policyPath: '/Channel/Orderer/Admins',
      },
    ]);
    expect(requirements.map((r) => r.summary)).toEqual([
      '/Channel/Orderer/Admins: MAJORITY of {SampleOrg} admins -> 1 of 1',
    ]);
    expect(requirements[0]!.mspIds).toEqual(['SampleOrg']);
  });

  it('resolves MAJORITY over three application orgs to 2 of 3', () => {
    const config = configWithOrgs(['Org1MSP', 'Org2MSP', 'Org3MSP']);
    const requirement = resolvePolicy(config.channel_group, '/Channel/Application/Admins');
    expect(requirement).toMatchObject({ kind: 'implicitMeta', rule: 'MAJORITY', threshold: 2 });
    const summary = whoMustSign(config, {
      channel_id: 'mychannel',
      read_set: { ...emptyGroup(), groups: { Application: emptyGroup() } },
      write_set: {
        ...emptyGroup(),
        groups: {
          Application: {
            ...emptyGroup(),
            policies: { Admins: { ...config.channel_group.groups.Application!.policies.Admins!, version: '1' } },
          },
        },
      },
    }).requirements[0]!.summary;
    expect(summary).toBe('/Channel/Application/Admins: MAJORITY of {Org1MSP, Org2MSP, Org3MSP} admins -> 2 of 3');
  });

  it('lets the parent group bump authorize a new org and its contents', () => {
    const config = configWithOrgs(['Org1MSP', 'Org2MSP']);
    const newOrg = configWithOrgs(['Org3MSP']).channel_group.groups.Application!.groups.Org3MSP!;
    const application = config.channel_group.groups.Application!;
    const update: ConfigUpdateJson = {
      channel_id: 'mychannel',
      read_set: {
        ...emptyGroup(),
        groups: {
          Application: { ...emptyGroup(), groups: { Org1MSP: emptyGroup(), Org2MSP: emptyGroup() }, mod_policy: '' },
        },
      },
      write_set: {
        ...emptyGroup(),
        groups: {
          Application: {
            ...emptyGroup('1'),
            mod_policy: application.mod_policy,
            groups: { Org1MSP: emptyGroup(), Org2MSP: emptyGroup(), Org3MSP: newOrg },
          },
        },
      },
    };
    const { writes, requirements } = whoMustSign(config, update);
    expect(writes.filter((w) => w.policyPath)).toEqual([
      expect.objectContaining({
        path: '/Channel/Application',
        kind: 'group',
        change: 'modify',
        policyPath: '/Channel/Application/Admins',
      }),
    ]);
    expect(writes.find((w) => w.path === '/Channel/Application/Org3MSP')).toMatchObject({
      change: 'add',
      toVersion: '0',
    });
    expect(writes.find((w) => w.path === '/Channel/Application/Org3MSP/MSP')).toMatchObject({
      kind: 'value',
      change: 'add',
    });
    expect(requirements.map((r) => r.summary)).toEqual([
      '/Channel/Application/Admins: MAJORITY of {Org1MSP, Org2MSP} admins -> 2 of 2',
    ]);
  });

  it('reports removed orgs under the bumped group and an org-only change under that org', () => {
    const config = configWithOrgs(['Org1MSP', 'Org2MSP', 'Org3MSP']);
    const org2 = config.channel_group.groups.Application!.groups.Org2MSP!;
    const update: ConfigUpdateJson = {
      channel_id: 'mychannel',
      read_set: {
        ...emptyGroup(),
        groups: { Application: { ...emptyGroup(), groups: { Org1MSP: emptyGroup(), Org2MSP: emptyGroup() } } },
      },
      write_set: {
        ...emptyGroup(),
        groups: {
          Application: {
            ...emptyGroup('1'),
            mod_policy: 'Admins',
            groups: {
              Org1MSP: emptyGroup(),
              Org2MSP: { ...emptyGroup(), values: { AnchorPeers: { ...org2.values.AnchorPeers!, version: '1' } } },
            },
          },
        },
      },
    };
    const { writes, requirements } = whoMustSign(config, update);
    expect(writes.find((w) => w.path === '/Channel/Application/Org3MSP')).toMatchObject({
      change: 'remove',
      kind: 'group',
    });
    expect(requirements.map((r) => r.policyPath)).toEqual([
      '/Channel/Application/Admins',
      '/Channel/Application/Org2MSP/Admins',
    ]);
    expect(requirements[1]!.summary).toBe('/Channel/Application/Org2MSP/Admins: Org2MSP member');
  });

  it('flags a write at the wrong version as Fabric would reject it', () => {
    const update = readJson<ConfigUpdateJson>('batchsize-update.json');
    update.write_set.groups.Orderer!.values.BatchSize!.version = '2';
    expect(configWrites(readJson('config.json'), update)[0]!.problem).toBe('must move to version 1, not 2');
  });

  it('shows an ImplicitMeta policy over no sub-groups as satisfied by anyone', () => {
    const config = configWithOrgs([]);
    const requirement = resolvePolicy(config.channel_group, '/Channel/Application/Admins');
    expect(requirement).toMatchObject({ kind: 'implicitMeta', threshold: 0, of: [] });
  });

  it('resolves a missing policy path to missing', () => {
    expect(resolvePolicy(readJson<ConfigJson>('config.json').channel_group, '/Channel/Nope/Admins')).toEqual({
      kind: 'missing',
      path: '/Channel/Nope/Admins',
    });
  });
});
