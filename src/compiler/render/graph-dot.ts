// The consortium as Graphviz DOT (`dot -Tsvg`): organizations as boxes, channels as hexagons, chaincodes as
// parallelograms, Quorum networks as cylinders, validators as circles; ordering links dashed. Every id and
// label is a quoted DOT string, so names with any characters stay valid.
import type { NetworkModel } from '../model/network-model.js';
import { type ConsortiumGraph, consortiumGraph, type GraphNodeKind } from './graph-model.js';

const SHAPES: Readonly<Record<GraphNodeKind, string>> = {
  organization: 'shape=box, style="rounded,filled", fillcolor="#ddf4ff"',
  channel: 'shape=hexagon, style=filled, fillcolor="#fff8c5"',
  chaincode: 'shape=parallelogram, style=filled, fillcolor="#dafbe1"',
  quorum: 'shape=cylinder, style=filled, fillcolor="#fbefff"',
  validator: 'shape=circle, style=filled, fillcolor="#fbefff"',
};

export function renderDot(model: NetworkModel): string {
  return dotOf(consortiumGraph(model));
}

export function dotOf(graph: ConsortiumGraph): string {
  const lines = [
    `graph ${quote(graph.name)} {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const node of graph.nodes)
    lines.push(`  ${quote(node.id)} [label=${quote(node.lines.join('\n'))}, ${SHAPES[node.kind]}];`);
  for (const edge of graph.edges) {
    const style = edge.kind === 'orders' ? ' [style=dashed, label="orders"]' : '';
    lines.push(`  ${quote(edge.from)} -- ${quote(edge.to)}${style};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT double-quoted string: backslash and quote escaped, newlines as DOT's centred line break. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
