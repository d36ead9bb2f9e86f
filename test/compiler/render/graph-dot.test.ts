// The consortium graph, as DOT and SVG: every org, channel, chaincode and Quorum validator of a spec appears,
// links follow membership and ordering, names are escaped, and the output is byte-stable.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/compiler/load-spec.js';
import { dotOf, renderDot } from '../../../src/compiler/render/graph-dot.js';
import { consortiumGraph } from '../../../src/compiler/render/graph-model.js';
import { renderSvg, svgOf } from '../../../src/compiler/render/graph-svg.js';
import { repoRoot } from '../../helpers/run-cli.js';

const model = () => loadSpec(join(repoRoot, 'networks/supply-chain/network.yaml')).value!.model;

describe('consortiumGraph', () => {
  it('has the example’s orgs, channels and chaincodes, with member, orders and runs links', () => {
    const graph = consortiumGraph(model());
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'org:operator',
      'org:manufacturer',
      'org:distributor',
      'org:retailer',
      'channel:production',
      'channel:distribution',
      'chaincode:production/product-registry',
      'chaincode:production/quality-cert',
      'chaincode:distribution/shipment-tracking',
    ]);
    expect(graph.nodes[1]!.lines).toEqual(['ManufacturerMSP', 'Acme Manufacturing', 'peers: peer0, peer1']);
    expect(graph.edges.filter((e) => e.to === 'channel:production')).toEqual([
      { from: 'org:manufacturer', to: 'channel:production', kind: 'member' },
      { from: 'org:distributor', to: 'channel:production', kind: 'member' },
      { from: 'org:operator', to: 'channel:production', kind: 'orders' },
    ]);
  });
});

describe('renderDot', () => {
  it('declares each node once with its shape and draws ordering dashed', () => {
    const dot = renderDot(model());
    expect(dot.startsWith('graph "supply-chain" {\n  rankdir=LR;\n')).toBe(true);
    expect(dot).toContain('  "org:retailer" [label="RetailerMSP\\nInitech Retail\\npeers: peer0", shape=box');
    expect(dot).toContain(
      '  "chaincode:distribution/shipment-tracking" [label="shipment-tracking\\nv2.0 · seq 3", shape=parallelogram',
    );
    expect(dot).toContain('  "org:operator" -- "channel:distribution" [style=dashed, label="orders"];\n');
    expect(dot).toContain('  "channel:production" -- "chaincode:production/quality-cert";\n');
    expect(dot.endsWith('}\n')).toBe(true);
    expect(renderDot(model())).toBe(dot);
  });

  it('escapes quotes and backslashes in names and draws Quorum validators', () => {
    const dot = dotOf({
      name: 'a"b',
      nodes: [
        { id: 'org:x', kind: 'organization', lines: ['X\\MSP', 'say "hi"'] },
        { id: 'validator:q/v1', kind: 'validator', lines: ['v1'] },
      ],
      edges: [{ from: 'org:x', to: 'validator:q/v1', kind: 'validates' }],
    });
    expect(dot).toContain('graph "a\\"b" {');
    expect(dot).toContain('"org:x" [label="X\\\\MSP\\nsay \\"hi\\"", shape=box');
    expect(dot).toContain('"validator:q/v1" [label="v1", shape=circle');
    expect(dot).toContain('"org:x" -- "validator:q/v1";');
  });
});

describe('renderSvg', () => {
  it('lays out three columns, one box per node, a line per link, text escaped, deterministically', () => {
    const svg = renderSvg(model());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="940"')).toBe(true);
    expect(svg.match(/<g><rect /g)).toHaveLength(9);
    expect(svg.match(/<line /g)).toHaveLength(consortiumGraph(model()).edges.length);
    // Column x positions: orgs at 20, channels at 360, chaincodes at 700.
    expect(svg).toContain('<g><rect x="20" y="44"');
    expect(svg).toContain('<g><rect x="360" y="44"');
    expect(svg).toContain('<g><rect x="700" y="44"');
    expect(svg).toContain('>channel production</text>');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(renderSvg(model())).toBe(svg);
    const escaped = svgOf({ name: 'a<b', nodes: [{ id: 'o', kind: 'organization', lines: ['R&D "lab"'] }], edges: [] });
    expect(escaped).toContain('<title>a&lt;b</title>');
    expect(escaped).toContain('>R&amp;D &quot;lab&quot;</text>');
  });
});
