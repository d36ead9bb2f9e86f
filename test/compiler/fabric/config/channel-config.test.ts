import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelConfigJson } from '../../../../src/compiler/fabric/config/channel-config.js';
import { buildChannelConfig, toJson } from '../../../../src/compiler/fabric/index.js';
import type { NetworkSpec } from '../../../../src/compiler/model/index.js';
import { normalize } from '../../../../src/compiler/model/index.js';
import { parseYaml } from '../../../../src/compiler/parse/index.js';
import { repoRoot } from '../../../helpers/run-cli.js';

const fixtures = join(repoRoot, 'test/fixtures/fabric');

function modelOf(file: string) {
  const parsed = parseYaml(file, readFileSync(file, 'utf8'));
  expect(parsed.diagnostics).toEqual([]);
  return normalize(parsed.value!.data as NetworkSpec, dirname(file));
}

describe('channelConfigJson', () => {
  it("reproduces configtxgen's config for Fabric's sample etcdraft application channel", () => {
    const built = channelConfigJson(modelOf(join(fixtures, 'sample-network.yaml')), 'mychannel');
    const expected = JSON.parse(readFileSync(join(fixtures, 'config.json'), 'utf8'));
    expect(built).toEqual(expected);
  });

  it('builds signature policies the way policydsl numbers identities', () => {
    const model = modelOf(join(fixtures, 'sample-network.yaml'));
    model.channels[0]!.policies.application.Endorsement = "OutOf(2, 'A.peer', 'B.peer', 'A.peer')";
    const config = channelConfigJson(model, 'mychannel') as any;
    expect(config.channel_group.groups.Application.policies.Endorsement.policy).toEqual({
      type: 1,
      value: {
        identities: [
          { principal: { msp_identifier: 'A', role: 'PEER' }, principal_classification: 'ROLE' },
          { principal: { msp_identifier: 'B', role: 'PEER' }, principal_classification: 'ROLE' },
          { principal: { msp_identifier: 'A', role: 'PEER' }, principal_classification: 'ROLE' },
        ],
        rule: { n_out_of: { n: 2, rules: [{ signed_by: 0 }, { signed_by: 1 }, { signed_by: 2 }] } },
        version: 0,
      },
    });
  });

  it('refuses an unknown channel', () => {
    expect(() => channelConfigJson(modelOf(join(fixtures, 'sample-network.yaml')), 'other')).toThrow(
      /no channel 'other'/,
    );
  });
});

describe('buildChannelConfig', () => {
  // The plan reads the built JSON instead of converting the message back: the two must never drift apart.
  it.each(['quickstart', 'supply-chain'])("gives JSON equal to its message's toJson (%s)", (network) => {
    const model = modelOf(join(repoRoot, 'networks', network, 'network.yaml'));
    expect(model.channels.length).toBeGreaterThan(0);
    for (const channel of model.channels) {
      const built = buildChannelConfig(model, channel.name);
      expect(built.diagnostics).toEqual([]);
      expect(toJson('common.Config', built.value!.message).value).toStrictEqual(
        JSON.parse(JSON.stringify(built.value!.json)),
      );
    }
  });
});
