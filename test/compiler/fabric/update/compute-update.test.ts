// compute-update against configtxlator's own result, and the read/write sets of the common kinds of change.
import { describe, expect, it } from 'vitest';
import {
  computeUpdate,
  decode,
  encode,
  fromJson,
  type Json,
  type ProtoMessage,
  toJson,
} from '../../../../src/compiler/fabric/index.js';
import { fixtureBytes, fixtureJson } from '../fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: tests edit configtxlator JSON freely
type Any = any;

function config(json: Json): ProtoMessage {
  const result = fromJson('common.Config', json);
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

/** The update from the sample config to an edited copy of it, as configtxlator JSON. */
function updateAfter(edit: (config: Any) => void): Any {
  const original = fixtureJson('config.json');
  const updated = structuredClone(original) as Any;
  edit(updated);
  const result = computeUpdate('mychannel', config(original), config(updated));
  expect(result.diagnostics).toEqual([]);
  return toJson('common.ConfigUpdate', result.value!).value;
}

const emptyGroup = (version: string) => ({ groups: {}, mod_policy: '', policies: {}, values: {}, version });
const pinned = (version: string) => ({ mod_policy: '', version });
const pinnedValue = (version: string) => ({ ...pinned(version), value: null });
const pinnedPolicy = (version: string) => ({ ...pinned(version), policy: null });

describe('computeUpdate', () => {
  it('equals configtxlator compute_update for the BatchSize change', () => {
    const original = decode('common.Config', fixtureBytes('config.pb')).value!;
    const updated = decode('common.Config', fixtureBytes('updated-config.pb')).value!;
    const result = computeUpdate('mychannel', original, updated);
    expect(toJson('common.ConfigUpdate', result.value!).value).toEqual(fixtureJson('batchsize-update.json'));
    // And its bytes decode to the same update.
    const bytes = encode('common.ConfigUpdate', result.value!).value!;
    expect(toJson('common.ConfigUpdate', decode('common.ConfigUpdate', bytes).value!).value).toEqual(
      fixtureJson('batchsize-update.json'),
    );
  });

  it('refuses when nothing differs, with configtxlator message', () => {
    const original = decode('common.Config', fixtureBytes('config.pb')).value!;
    const result = computeUpdate('mychannel', original, original);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['NS_FABRIC_NO_CHANGES', 'no differences detected between original and updated config'],
    ]);
  });

  it('sees no change where only versions differ, and a change where only a mod_policy does', () => {
    const original = fixtureJson('config.json') as Any;
    const bumped = structuredClone(original);
    bumped.channel_group.groups.Orderer.version = '4';
    bumped.channel_group.groups.Orderer.values.BatchSize.version = '7';
    bumped.channel_group.groups.Application.groups.SampleOrg.policies.Admins.version = '2';
    expect(computeUpdate('mychannel', config(original), config(bumped)).diagnostics[0]?.code).toBe(
      'NS_FABRIC_NO_CHANGES',
    );
    for (const edit of [
      (c: Any) => {
        c.channel_group.groups.Orderer.values.BatchSize.mod_policy = 'Writers';
      },
      (c: Any) => {
        c.channel_group.groups.Application.groups.SampleOrg.policies.Admins.mod_policy = 'Readers';
      },
      (c: Any) => {
        c.channel_group.groups.Application.mod_policy = 'Readers';
      },
      (c: Any) => {
        delete c.channel_group.groups.Application.groups.SampleOrg.values.MSP;
      },
    ]) {
      const updated = structuredClone(original);
      edit(updated);
      expect(computeUpdate('mychannel', config(original), config(updated)).value).toBeDefined();
    }
  });

  it('adding an org bumps Application and pins its other members in both sets', () => {
    const update = updateAfter((c) => {
      const org = structuredClone(c.channel_group.groups.Application.groups.SampleOrg);
      org.values.MSP.value.config.name = 'Org2MSP';
      c.channel_group.groups.Application.groups.Org2 = org;
    });
    const read = update.read_set.groups.Application;
    const write = update.write_set.groups.Application;
    expect(read.version).toBe('0');
    expect(read.groups).toEqual({ SampleOrg: emptyGroup('0') });
    expect(Object.keys(read.policies).sort()).toEqual([
      'Admins',
      'Endorsement',
      'LifecycleEndorsement',
      'Readers',
      'Writers',
    ]);
    expect(read.values).toEqual({ ACLs: pinnedValue('0'), Capabilities: pinnedValue('0') });
    expect(write.version).toBe('1');
    expect(write.mod_policy).toBe('Admins');
    expect(write.groups.SampleOrg).toEqual(emptyGroup('0'));
    expect(write.groups.Org2.version).toBe('0');
    expect(write.groups.Org2.mod_policy).toBe('Admins');
    expect(write.groups.Org2.values.MSP.version).toBe('0');
    expect(write.groups.Org2.values.MSP.value.config.name).toBe('Org2MSP');
    expect(write.groups.Org2.policies.Admins.policy.type).toBe(1);
    expect(write.policies).toEqual(read.policies);
    // The channel group itself is unchanged: same version, only the changed child.
    expect(update.write_set.version).toBe('0');
    expect(Object.keys(update.write_set.groups)).toEqual(['Application']);
  });

  it('removing an org bumps Application and leaves the org out of the write set', () => {
    const update = updateAfter((c) => {
      delete c.channel_group.groups.Application.groups.SampleOrg;
    });
    expect(update.write_set.groups.Application.version).toBe('1');
    expect(update.write_set.groups.Application.groups).toEqual({});
    expect(update.read_set.groups.Application.groups).toEqual({});
    expect(update.write_set.groups.Application.values.ACLs).toEqual(pinnedValue('0'));
  });

  it('changing one policy writes only that policy at version + 1', () => {
    const update = updateAfter((c) => {
      c.channel_group.groups.Application.groups.SampleOrg.policies.Writers.policy.value.identities[0].principal.role =
        'ADMIN';
    });
    const org = update.write_set.groups.Application.groups.SampleOrg;
    expect(org.version).toBe('0');
    expect(Object.keys(org.policies)).toEqual(['Writers']);
    expect(org.policies.Writers.version).toBe('1');
    expect(org.policies.Writers.mod_policy).toBe('Admins');
    expect(org.policies.Writers.policy.value.identities[0].principal.role).toBe('ADMIN');
    expect(update.read_set.groups.Application.groups.SampleOrg).toEqual(emptyGroup('0'));
    expect(update.read_set.groups.Application.version).toBe('0');
  });

  it('removing a consenter rewrites ConsensusType at version + 1 in the Orderer group', () => {
    const update = updateAfter((c) => {
      c.channel_group.groups.Orderer.values.ConsensusType.value.metadata.consenters.pop();
    });
    const value = update.write_set.groups.Orderer.values.ConsensusType;
    expect(value.version).toBe('1');
    expect(value.value.metadata.consenters.map((x: Any) => x.host)).toEqual(['raft0.example.com', 'raft1.example.com']);
    expect(update.write_set.groups.Orderer.version).toBe('0');
    expect(update.read_set.groups.Orderer).toEqual(emptyGroup('0'));
  });

  it('changing anchor peers rewrites AnchorPeers at version + 1, the org group keeps its version', () => {
    const update = updateAfter((c) => {
      c.channel_group.groups.Application.groups.SampleOrg.values.AnchorPeers.value.anchor_peers = [
        { host: 'peer0.org1.example.com', port: 7051 },
      ];
    });
    const org = update.write_set.groups.Application.groups.SampleOrg;
    expect(org.version).toBe('0');
    expect(org.values).toEqual({
      AnchorPeers: {
        mod_policy: 'Admins',
        value: { anchor_peers: [{ host: 'peer0.org1.example.com', port: 7051 }] },
        version: '1',
      },
    });
    expect(update.read_set.groups.Application.groups.SampleOrg).toEqual(emptyGroup('0'));
  });

  it('removing a value bumps its group, which pins the rest', () => {
    const update = updateAfter((c) => {
      const org = c.channel_group.groups.Application.groups.SampleOrg;
      delete org.values.AnchorPeers;
    });
    const org = update.write_set.groups.Application.groups.SampleOrg;
    expect(org.version).toBe('1');
    expect(org.values).toEqual({ MSP: pinnedValue('0') });
    expect(org.policies.Admins).toEqual(pinnedPolicy('0'));
    expect(update.read_set.groups.Application.groups.SampleOrg.values).toEqual({ MSP: pinnedValue('0') });
  });

  it('adding anchor peers to an org without them is a new value at version 0', () => {
    const original = fixtureJson('config.json') as Any;
    delete original.channel_group.groups.Application.groups.SampleOrg.values.AnchorPeers;
    const updated = fixtureJson('config.json');
    const result = computeUpdate('mychannel', config(original), config(updated));
    const update = toJson('common.ConfigUpdate', result.value!).value as Any;
    const org = update.write_set.groups.Application.groups.SampleOrg;
    expect(org.version).toBe('1');
    expect(org.values.AnchorPeers.version).toBe('0');
    expect(org.values.AnchorPeers.value.anchor_peers).toEqual([{ host: '127.0.0.1', port: 7051 }]);
    expect(org.values.MSP).toEqual(pinnedValue('0'));
  });

  it('adding an ACL rewrites the ACLs value', () => {
    const update = updateAfter((c) => {
      c.channel_group.groups.Application.values.ACLs.value.acls['cscc/GetConfigTree'] = {
        policy_ref: '/Channel/Application/Readers',
      };
    });
    const acls = update.write_set.groups.Application.values.ACLs;
    expect(acls.version).toBe('1');
    expect(acls.value.acls['cscc/GetConfigTree']).toEqual({ policy_ref: '/Channel/Application/Readers' });
    expect(Object.keys(update.write_set.groups.Application.values)).toEqual(['ACLs']);
  });

  it('changing a channel capability rewrites the channel Capabilities value', () => {
    const update = updateAfter((c) => {
      c.channel_group.values.Capabilities.value.capabilities = { V3_0: {} };
    });
    expect(update.write_set.values.Capabilities).toEqual({
      mod_policy: 'Admins',
      value: { capabilities: { V3_0: {} } },
      version: '1',
    });
    expect(update.write_set.groups).toEqual({});
    expect(update.write_set.version).toBe('0');
  });

  it("changing a group's mod_policy bumps the group and pins all its children", () => {
    const update = updateAfter((c) => {
      c.channel_group.groups.Orderer.mod_policy = 'Writers';
    });
    const write = update.write_set.groups.Orderer;
    expect(write.version).toBe('1');
    expect(write.mod_policy).toBe('Writers');
    expect(Object.keys(write.values).sort()).toEqual([
      'BatchSize',
      'BatchTimeout',
      'Capabilities',
      'ChannelRestrictions',
      'ConsensusType',
    ]);
    expect(write.values.BatchSize).toEqual(pinnedValue('0'));
    expect(write.groups).toEqual({ SampleOrg: emptyGroup('0') });
    expect(update.read_set.groups.Orderer.values).toEqual(write.values);
  });
});
