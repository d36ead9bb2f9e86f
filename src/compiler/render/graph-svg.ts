// The consortium as a self-contained SVG, laid out by netspec itself (no Graphviz needed): three columns —
// organizations; channels and Quorum networks; chaincodes and validators — boxes stacked in model order, and
// straight links between box sides (ordering links dashed). Same model, same bytes.
import type { NetworkModel } from '../model/network-model.js';
import { type ConsortiumGraph, consortiumGraph, type GraphNode, type GraphNodeKind } from './graph-model.js';

const COLUMN: Readonly<Record<GraphNodeKind, number>> = {
  organization: 0,
  channel: 1,
  quorum: 1,
  chaincode: 2,
  validator: 2,
};
const FILL: Readonly<Record<GraphNodeKind, string>> = {
  organization: '#ddf4ff',
  channel: '#fff8c5',
  quorum: '#fbefff',
  chaincode: '#dafbe1',
  validator: '#fbefff',
};
const BOX_WIDTH = 220;
const COLUMN_GAP = 120;
const LINE_HEIGHT = 16;
const PADDING = 10;
const ROW_GAP = 24;
const MARGIN = 20;

interface Box {
  node: GraphNode;
  x: number;
  y: number;
  height: number;
}

export function renderSvg(model: NetworkModel): string {
  return svgOf(consortiumGraph(model));
}

export function svgOf(graph: ConsortiumGraph): string {
  const boxes = new Map<string, Box>();
  const columnBottom = [MARGIN + 24, MARGIN + 24, MARGIN + 24];
  for (const node of graph.nodes) {
    const column = COLUMN[node.kind];
    const height = PADDING * 2 + LINE_HEIGHT * node.lines.length;
    boxes.set(node.id, { node, x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP), y: columnBottom[column]!, height });
    columnBottom[column]! += height + ROW_GAP;
  }
  const width = MARGIN * 2 + 3 * BOX_WIDTH + 2 * COLUMN_GAP;
  const height = Math.max(...columnBottom) - ROW_GAP + MARGIN;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `  <title>${escapeXml(graph.name)}</title>`,
    `  <rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `  <text x="${MARGIN}" y="${MARGIN + 4}" font-size="14" font-weight="bold">${escapeXml(graph.name)}</text>`,
  ];
  for (const edge of graph.edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) continue;
    const [left, right] = from.x <= to.x ? [from, to] : [to, from];
    const x1 = left.x === right.x ? left.x + BOX_WIDTH / 2 : left.x + BOX_WIDTH;
    const x2 = left.x === right.x ? right.x + BOX_WIDTH / 2 : right.x;
    const dash = edge.kind === 'orders' ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `  <line x1="${x1}" y1="${left.y + left.height / 2}" x2="${x2}" y2="${right.y + right.height / 2}" stroke="#57606a" stroke-width="1.5"${dash}/>`,
    );
  }
  for (const box of boxes.values()) {
    const rx = box.node.kind === 'validator' ? 16 : box.node.kind === 'organization' ? 10 : 3;
    out.push(
      `  <g><rect x="${box.x}" y="${box.y}" width="${BOX_WIDTH}" height="${box.height}" rx="${rx}" fill="${FILL[box.node.kind]}" stroke="#57606a"/>`,
    );
    box.node.lines.forEach((line, index) => {
      const y = box.y + PADDING + LINE_HEIGHT * (index + 1) - 4;
      const weight = index === 0 ? ' font-weight="bold"' : '';
      out.push(
        `    <text x="${box.x + BOX_WIDTH / 2}" y="${y}" text-anchor="middle"${weight}>${escapeXml(line)}</text>`,
      );
    });
    out.push('  </g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
