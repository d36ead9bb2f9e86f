// plan.md says, per organization, what it alone must do after apply with its own keys: join its orderers and
// peers to a new channel, join its peers to a channel that adds it.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/compiler/render/markdown.js';
import { quickstartPlanWithVotes, supplyChainPlan } from './_example-plans.js';

function tasks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const out: string[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('After apply, each organization with its own keys')) return;
    for (let at = index + 2; lines[at]?.startsWith('- '); at++) out.push(lines[at]!);
  });
  return out;
}

describe('plan.md: what each organization does after apply', () => {
  it('an update that adds an org: that org joins its peers', () => {
    const { plan, model } = supplyChainPlan();
    expect(tasks(renderMarkdown(plan, model))).toEqual(['- retailer: join peer0 to distribution']);
  });

  it('a new channel: each orderer org joins its orderers, each member its peers', () => {
    const { plan, model } = quickstartPlanWithVotes();
    const created = plan.channels.find((c) => c.action === 'create')!;
    const expected = [
      ...created.ordererOrgs.map((mspId) => model.organizations.find((o) => o.mspId === mspId)!),
      ...created.members.map((mspId) => model.organizations.find((o) => o.mspId === mspId)!),
    ].flatMap((org, index) => {
      const nodes = index < created.ordererOrgs.length ? org.orderers : org.peers;
      return nodes.length > 0
        ? [`- ${org.name}: join ${nodes.map((n) => n.name).join(', ')} to ${created.channel}`]
        : [];
    });
    expect(expected.length).toBeGreaterThan(1);
    expect(tasks(renderMarkdown(plan, model))).toEqual(expected);
  });
});
