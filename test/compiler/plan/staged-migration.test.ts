// A Raft channel migrated to BFT as Fabric 3 requires: the spec says `type: BFT`, and the plan cuts the change
// into maintenance mode on, the switch (type, SmartBFT options, consenter mapping, BlockValidation) and
// maintenance mode off, each its own update. Each stage is "applied" with the test orderer's own merge of the
// write set (test/apply/fabric/_fake-fabric.ts), not with netspec's code, and the next stage is planned from it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildGenesisBlock,
  type ConfigGroupJson,
  type ConfigJson,
  configBlockInfo,
  decode,
  toJson,
} from '../../../src/compiler/fabric/index.js';
import { type LoadedSpec, loadSpec } from '../../../src/compiler/load-spec.js';
import { makePlan } from '../../../src/compiler/plan/index.js';
import { renderMarkdown } from '../../../src/compiler/render/index.js';
import { renderReportMarkdown, renderReportText } from '../../../src/governance/render-report.js';
import { mergeWriteSet, rebuildConfigBlock } from '../../apply/fabric/_fake-fabric.js';
import { maintenanceProblem } from '../../apply/fabric/_maintenance-filter.js';
import { verifyAt, writeTestBundle } from '../../helpers/bundle-fixture.js';
import { repoRoot } from '../../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netspec-migration-'));
cpSync(join(repoRoot, 'test/fixtures/fabric3/msp'), join(dir, 'msp'), { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bft = readFileSync(join(repoRoot, 'test/fixtures/fabric3/bft-channel.yaml'), 'utf8');
// The same channel on Raft: the four nodes as etcdraft consenters (an even count, allowed: BFT needs 3f+1).
const raft = bft
  .replace('      type: BFT\n', '')
  .replace(/^name: sample-bft$/m, 'name: sample-bft\nallow: [NS_RAFT_EVEN_CONSENTERS]');
const specFile = join(dir, 'network.yaml');

function load(text: string): LoadedSpec {
  writeFileSync(specFile, text);
  const result = loadSpec(specFile);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('; '));
  return result.value!;
}

function stateWith(block: Uint8Array): string {
  const stateDir = mkdtempSync(join(dir, 'state-'));
  mkdirSync(join(stateDir, 'fabric'), { recursive: true });
  writeFileSync(join(stateDir, 'fabric/mychannel.block'), block);
  return stateDir;
}

function plan(stateDir: string) {
  const loaded = load(bft);
  const result = makePlan({ loaded, specFile, stateDir, timestamp: new Date(0) });
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return { ...result, plan: result.plan, loaded };
}

/** The live config of a state folder, and the config an update makes of it as the test orderer computes it. */
function transition(stateDir: string, update: Uint8Array) {
  const block = new Uint8Array(readFileSync(join(stateDir, 'fabric/mychannel.block')));
  const live = toJson('common.Config', configBlockInfo(block).value!.config).value as unknown as ConfigJson;
  const json = toJson('common.ConfigUpdate', decode('common.ConfigUpdate', update).value!).value as unknown as {
    write_set: ConfigGroupJson;
  };
  const next = {
    sequence: String(Number(live.sequence ?? 0) + 1),
    channel_group: mergeWriteSet(live.channel_group, json.write_set),
  };
  return { live, next, writeSet: json.write_set };
}

/** The live config after the update, as the test orderer computes it, in a new config block. */
function applied(stateDir: string, update: Uint8Array): Uint8Array {
  const block = new Uint8Array(readFileSync(join(stateDir, 'fabric/mychannel.block')));
  return rebuildConfigBlock(
    block,
    transition(stateDir, update).next,
    Number(configBlockInfo(block).value!.blockNumber) + 1,
  );
}

const consensus = (config: ConfigJson) =>
  config.channel_group.groups.Orderer!.values.ConsensusType!.value as { type: string; state?: string };

/** Plans, "applies" the stage's update, and plans again: the state folders of every step. */
function walk(from: string, steps: number): { stateDirs: string[]; plans: ReturnType<typeof plan>[] } {
  const stateDirs = [from];
  const plans: ReturnType<typeof plan>[] = [];
  for (let step = 0; step < steps; step++) {
    const planned = plan(stateDirs[step]!);
    plans.push(planned);
    const update = planned.artifacts.get('fabric/mychannel/update.pb');
    if (!update) break;
    stateDirs.push(stateWith(applied(stateDirs[step]!, update)));
  }
  return { stateDirs, plans };
}

const writes = (p: ReturnType<typeof plan>) => p.plan.channels[0]!.delta.map((d) => `${d.change} ${d.path}`).sort();
const stagesOf = (p: ReturnType<typeof plan>) =>
  p.plan.channels[0]!.stages!.map((s) => `${s.number} ${s.kind} ${s.status}`);

describe('a Raft → BFT migration', () => {
  // The live channel: the same four nodes as Raft consenters, at the V2_0 channel capability.
  const live0 = stateWith(buildGenesisBlock(load(raft).model, 'mychannel', new Date('2026-12-01T00:00:00Z')).value!);
  const { stateDirs, plans } = walk(live0, 5);

  it('plans V3_0, maintenance mode on, the switch and maintenance mode off as four ordered updates', () => {
    expect(plans.map((p) => p.plan.guards)).toEqual([[], [], [], [], []]);
    // 1: the V3_0 channel capability, in normal mode, before anything else (Fabric's pre-migration checklist).
    expect(stagesOf(plans[0]!)).toEqual([
      '1 prepare this',
      '2 maintenance-on later',
      '3 consensus-switch later',
      '4 maintenance-off later',
    ]);
    expect(writes(plans[0]!)).toEqual(['modify /Channel/Capabilities']);
    // 2: ConsensusType alone, State to STATE_MAINTENANCE.
    expect(stagesOf(plans[1]!)).toEqual([
      '1 maintenance-on this',
      '2 consensus-switch later',
      '3 maintenance-off later',
    ]);
    expect(writes(plans[1]!)).toEqual(['modify /Channel/Orderer/ConsensusType']);
    // 3: the switch: type, SmartBFT options, the consenter mapping and BlockValidation, still in maintenance.
    expect(stagesOf(plans[2]!)).toEqual([
      '1 maintenance-on applied',
      '2 consensus-switch this',
      '3 maintenance-off later',
    ]);
    expect(writes(plans[2]!)).toEqual([
      'add /Channel/Orderer/Orderers',
      // A new value changes the Orderer group's membership: configtxlator bumps the group too.
      'modify /Channel/Orderer',
      'modify /Channel/Orderer/BlockValidation',
      'modify /Channel/Orderer/ConsensusType',
    ]);
    // 4: ConsensusType alone, back to STATE_NORMAL; then nothing is left to do.
    expect(stagesOf(plans[3]!)).toEqual([
      '1 maintenance-on applied',
      '2 consensus-switch applied',
      '3 maintenance-off this',
    ]);
    expect(writes(plans[3]!)).toEqual(['modify /Channel/Orderer/ConsensusType']);
    expect(plans[4]!.plan.channels[0]!.action).toBe('noop');
    const final = toJson(
      'common.Config',
      configBlockInfo(new Uint8Array(readFileSync(join(stateDirs[4]!, 'fabric/mychannel.block')))).value!.config,
    ).value as unknown as ConfigJson;
    expect(consensus(final)).toMatchObject({ type: 'BFT', state: 'STATE_NORMAL' });
  });

  it("passes every stage through the test orderer's own maintenance filter, which refuses them out of order", () => {
    const update = (step: number) => plans[step]!.artifacts.get('fabric/mychannel/update.pb')!;
    for (let step = 0; step < 4; step++) {
      const { live, next, writeSet } = transition(stateDirs[step]!, update(step));
      expect(maintenanceProblem(live, next, writeSet)).toBeUndefined();
    }
    // The switch while the channel is not in maintenance mode: its bytes would enter maintenance mode too, with
    // more than ConsensusType (the Orderer group moves, carrying its organizations).
    const early = transition(stateDirs[1]!, update(2));
    expect(maintenanceProblem(early.live, early.next, early.writeSet)).toBe(
      'config transaction inspection failed: config update contains changes to groups within the Orderer group',
    );
    // Leaving maintenance mode before the switch.
    const skipped = transition(stateDirs[2]!, update(3));
    expect(maintenanceProblem(skipped.live, skipped.next, skipped.writeSet)).toBe(
      'config transaction inspection failed: attempted to change ConsensusType.Type from etcdraft to BFT, but ConsensusType.State is changing from STATE_MAINTENANCE to STATE_NORMAL',
    );
  });

  it('shows the stages in plan.md, the current one marked', () => {
    const markdown = renderMarkdown(plans[2]!.plan, plans[2]!.loaded.model, { sources: { get: () => bft } });
    expect(markdown).toContain('#### Stages: 2 of 3');
    expect(markdown).toContain('1. ✅ applied: maintenance mode on');
    expect(markdown).toMatch(
      /2\. 👉 \*\*this bundle\*\*: consensus type etcdraft → BFT .* — then restart every ordering node/,
    );
    expect(markdown).toContain('3. later: maintenance mode off');
  });

  it('refuses the switch bundle while the live config is not in maintenance mode, with the reason', () => {
    const bundleDir = join(mkdtempSync(join(dir, 'bundle-')), 'bundle');
    writeTestBundle(bundleDir, plans[2]!.plan, plans[2]!.artifacts);
    // Against its own live config it waits for signatures; against the config before maintenance mode it is
    // refused by the orderer's own rule, named, with its place in the spec.
    expect(verifyAt(bundleDir, { specFile, stateDir: stateDirs[2]! }).report.status).toBe('waiting');
    const early = verifyAt(bundleDir, { specFile, stateDir: stateDirs[1]! }).report;
    expect(early.status).toBe('invalid');
    // The guard's own code (what `allow` would name), printed at the spec element it is about: the channel's
    // `type: BFT` (found here by reading the text, not by netspec's position lookup).
    const lines = bft.split('\n');
    const typeLine = lines.findIndex(
      (line, index) => index > lines.indexOf('  mychannel:') && line === '      type: BFT',
    );
    const where = { line: typeLine + 1, column: '      type: '.length + 1 };
    expect(early.updates.flatMap((u) => u.problems)).toContainEqual(
      expect.objectContaining({
        code: 'NS_GUARD_CONSENSUS_MIGRATION',
        severity: 'error',
        file: specFile,
        position: where,
        message: expect.stringMatching(
          /^refused by a safety guard: channel 'mychannel' switches consensus type from etcdraft to BFT, but the live config is not in maintenance mode/,
        ),
      }),
    );
    const at = `${specFile}:${where.line}:${where.column}`;
    expect(renderReportText(early)).toContain(
      `  ${at} error NS_GUARD_CONSENSUS_MIGRATION refused by a safety guard: channel 'mychannel' switches`,
    );
    expect(renderReportMarkdown(early)).toContain(`- :x: \`NS_GUARD_CONSENSUS_MIGRATION\` at \`${at}\` refused by`);
  });

  it('refuses the maintenance-off bundle before the switch is live', () => {
    // Applied to the config in maintenance mode, still Raft, its bytes would change the type and leave
    // maintenance mode at once.
    const bundleDir = join(mkdtempSync(join(dir, 'bundle-')), 'bundle');
    writeTestBundle(bundleDir, plans[3]!.plan, plans[3]!.artifacts);
    const report = verifyAt(bundleDir, { specFile, stateDir: stateDirs[2]! }).report;
    expect(report.status).toBe('invalid');
    expect(
      report.updates
        .flatMap((u) => u.problems)
        .map((p) => `${p.code} ${p.message}`)
        .join('\n'),
    ).toMatch(
      /NS_GUARD_CONSENSUS_MIGRATION refused by a safety guard: channel 'mychannel' changes ConsensusType.Type from etcdraft to BFT while ConsensusType.State changes from STATE_MAINTENANCE to STATE_NORMAL/,
    );
  });
});
