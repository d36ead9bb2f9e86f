import { describe, expect, it } from 'vitest';
import type { NetworkModel } from '../../../src/compiler/model/network-model.js';
import type { Plan } from '../../../src/compiler/plan/plan.js';
import { label, renderMermaid } from '../../../src/compiler/render/mermaid.js';
import { quickstartPlanWithVotes, supplyChainPlan } from './_example-plans.js';

const SAFE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

interface Parsed {
  nodes: Map<string, string>;
  edges: { from: string; arrow: string; to: string }[];
  classes: Map<string, string[]>;
  linkStyles: Map<string, number[]>;
}

/** A structural reading of the flowchart lines renderMermaid writes: declarations, edges, classes, link styles. */
function parse(text: string): Parsed {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('flowchart LR');
  const parsed: Parsed = { nodes: new Map(), edges: [], classes: new Map(), linkStyles: new Map() };
  for (const line of lines.slice(1)) {
    expect(line.startsWith('  '), line).toBe(true);
    const body = line.trim();
    if (/^classDef \w+ .+$/.test(body)) continue;
    const classLine = body.match(/^class ([\w,]+) (\w+)$/);
    const linkStyle = body.match(/^linkStyle ([\d,]+) (.+)$/);
    const edge = body.match(/^(\w+) (---|-->|-\.-|-\. orders \.-) (\w+)$/);
    const node = body.match(/^(\w+)(\(\[".*"\]\)|\{\{".*"\}\}|\[\/".*"\/\]|\[\(".*"\)\]|\(\(".*"\)\))$/);
    if (classLine) parsed.classes.set(classLine[2]!, classLine[1]!.split(','));
    else if (linkStyle) parsed.linkStyles.set(linkStyle[2]!, linkStyle[1]!.split(',').map(Number));
    else if (edge) parsed.edges.push({ from: edge[1]!, arrow: edge[2]!, to: edge[3]! });
    else if (node) {
      expect(parsed.nodes.has(node[1]!), `declared twice: ${node[1]}`).toBe(false);
      parsed.nodes.set(node[1]!, node[2]!);
    } else throw new Error(`unexpected mermaid line: ${line}`);
  }
  return parsed;
}

function expectConsistent(parsed: Parsed): void {
  for (const id of parsed.nodes.keys()) expect(id).toMatch(SAFE_ID);
  for (const edge of parsed.edges) {
    expect(parsed.nodes.has(edge.from), `edge from undeclared ${edge.from}`).toBe(true);
    expect(parsed.nodes.has(edge.to), `edge to undeclared ${edge.to}`).toBe(true);
  }
  for (const [name, ids] of parsed.classes)
    for (const id of ids) expect(parsed.nodes.has(id), `${name} on ${id}`).toBe(true);
  for (const indexes of parsed.linkStyles.values())
    for (const index of indexes) expect(index).toBeLessThan(parsed.edges.length);
  // Labels are quoted and carry no raw quote inside.
  for (const shape of parsed.nodes.values())
    expect(shape.slice(shape.indexOf('"') + 1, shape.lastIndexOf('"'))).not.toContain('"');
}

function styledEdges(parsed: Parsed, mark: string): string[] {
  return (
    parsed.linkStyles.get(
      mark === 'added' ? 'stroke:#1a7f37,stroke-width:2px' : 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5',
    ) ?? []
  ).map((index) => `${parsed.edges[index]!.from} ${parsed.edges[index]!.to}`);
}

describe('renderMermaid without a plan', () => {
  const { model } = supplyChainPlan();
  const text = renderMermaid(model);
  const parsed = parse(text);

  it('draws organizations, channels and chaincodes, every edge between declared, safe ids', () => {
    expectConsistent(parsed);
    expect(parsed.nodes.get('Org_manufacturer')).toBe(
      '(["ManufacturerMSP<br/>Acme Manufacturing<br/>peers: peer0, peer1"])',
    );
    expect(parsed.nodes.get('Org_operator')).toContain('orderers: orderer0, orderer1, orderer2');
    expect(parsed.nodes.get('Chan_distribution')).toBe('{{"channel distribution"}}');
    // `product-registry` holds a `-`: sanitised in the id, kept in the label.
    expect(parsed.nodes.get('Cc_production__product_registry')).toBe('[/"product-registry<br/>v1.2 · seq 2"/]');
    expect(parsed.edges).toContainEqual({ from: 'Org_retailer', arrow: '---', to: 'Chan_distribution' });
    expect(parsed.edges).toContainEqual({ from: 'Org_operator', arrow: '-. orders .-', to: 'Chan_production' });
    expect(parsed.edges).toContainEqual({ from: 'Chan_production', arrow: '-->', to: 'Cc_production__quality_cert' });
    expect(parsed.edges).not.toContainEqual({ from: 'Org_retailer', arrow: '---', to: 'Chan_production' });
  });

  it('marks nothing', () => {
    expect(text).not.toContain('classDef');
    expect(text).not.toContain('linkStyle');
  });

  it('is deterministic', () => {
    expect(renderMermaid(supplyChainPlan().model)).toBe(text);
  });
});

describe('renderMermaid with the supply-chain plan', () => {
  const { plan, model } = supplyChainPlan();
  const parsed = parse(renderMermaid(model, plan));

  it('marks updated channels and upgraded chaincodes as changed', () => {
    expectConsistent(parsed);
    expect(parsed.classes.get('changed')).toEqual([
      'Chan_production',
      'Chan_distribution',
      'Cc_production__product_registry',
      'Cc_distribution__shipment_tracking',
    ]);
    expect(parsed.nodes.get('Cc_distribution__shipment_tracking')).toBe(
      '[/"shipment-tracking<br/>v1.9 → 2.0 · seq 3"/]',
    );
  });

  it('marks the joining retailer and its new link as added, nothing else', () => {
    expect(parsed.classes.get('added')).toEqual(['Org_retailer']);
    expect(styledEdges(parsed, 'added')).toEqual(['Org_retailer Chan_distribution']);
    expect(parsed.classes.has('removed')).toBe(false);
  });
});

describe('renderMermaid marks removals', () => {
  const { plan, model } = supplyChainPlan();
  // The distribution update as it would read if DistributorMSP and a former org (Old.Co-MSP, no longer in the
  // spec) were leaving: group removals under /Channel/Application.
  const leaving: Plan = {
    ...plan,
    channels: plan.channels.map((c) =>
      c.channel === 'distribution'
        ? {
            ...c,
            delta: [
              ...c.delta,
              {
                path: '/Channel/Application/DistributorMSP',
                kind: 'group' as const,
                change: 'remove' as const,
                fromVersion: '0',
              },
              {
                path: '/Channel/Application/Old.Co-MSP',
                kind: 'group' as const,
                change: 'remove' as const,
                fromVersion: '0',
              },
            ],
          }
        : c,
    ),
  };
  const reduced: NetworkModel = {
    ...model,
    channels: model.channels.map((c) =>
      c.name === 'distribution' ? { ...c, members: c.members.filter((m) => m !== 'distributor') } : c,
    ),
  };
  const parsed = parse(renderMermaid(reduced, leaving));

  it('draws removed memberships as red dashed links, with a ghost node for an org the spec dropped', () => {
    expectConsistent(parsed);
    expect(parsed.nodes.get('Gone_Old_Co_MSP')).toBe('(["Old.Co-MSP<br/>leaves the consortium"])');
    expect(parsed.classes.get('removed')).toEqual(['Gone_Old_Co_MSP']);
    expect(styledEdges(parsed, 'removed')).toEqual([
      'Org_distributor Chan_distribution',
      'Gone_Old_Co_MSP Chan_distribution',
    ]);
    expect(parsed.edges.filter((e) => e.from === 'Org_distributor' && e.to === 'Chan_distribution')).toEqual([
      { from: 'Org_distributor', arrow: '-.-', to: 'Chan_distribution' },
    ]);
  });
});

describe('renderMermaid with Quorum votes and a new channel (quickstart)', () => {
  const { plan, model } = quickstartPlanWithVotes();
  const parsed = parse(renderMermaid(model, plan));

  it('links validators to their owner orgs and network, marking the added and the removed one', () => {
    expectConsistent(parsed);
    expect(parsed.edges).toContainEqual({ from: 'Org_beta', arrow: '---', to: 'Val_payments__validator2' });
    expect(parsed.edges).toContainEqual({ from: 'Val_payments__validator2', arrow: '---', to: 'Quorum_payments' });
    const added = parsed.classes.get('added') ?? [];
    expect(added).toContain('Val_payments__validator3');
    expect(added).toContain('Chan_invoices');
    expect(added).toContain('Cc_invoices__invoice_ledger');
    expect(added).not.toContain('Val_payments__validator0');
    // Alpha and Beta run live validators: not new, even though the channel they are in is.
    expect(added).not.toContain('Org_alpha');
    expect(added).not.toContain('Org_beta');
    const removed = parsed.classes.get('removed') ?? [];
    expect(removed).toEqual([`Val_payments__0x${'ab'.repeat(20)}`]);
    expect(parsed.classes.get('changed')).toEqual(['Quorum_payments']);
  });
});

describe('mermaid ids and labels', () => {
  it('keeps distinct names distinct when they sanitise alike, and escapes label text', () => {
    const { model } = supplyChainPlan();
    const twin = { ...model.channels[0]!, name: 'a.b' };
    const clash = { ...model.channels[0]!, name: 'a-b' };
    const parsed = parse(renderMermaid({ ...model, channels: [twin, clash], chaincodes: [] }));
    expectConsistent(parsed);
    expect(parsed.nodes.get('Chan_a_b')).toBe('{{"channel a.b"}}');
    expect(parsed.nodes.get('Chan_a_b_2')).toBe('{{"channel a-b"}}');
    expect(parsed.edges.filter((e) => e.to === 'Chan_a_b_2')).toHaveLength(
      parsed.edges.filter((e) => e.to === 'Chan_a_b').length,
    );
  });

  it('turns quotes, tags, hashes and backticks into entity codes', () => {
    expect(label(['say "hi" <b>#1</b> & `x`', 'two'])).toBe(
      'say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; #96;x#96;<br/>two',
    );
  });
});
