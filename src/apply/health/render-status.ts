// The status report as a table: text for terminals, markdown for a PR or an issue, JSON for machines. Renders
// only what networkStatus found; the failures closing the text and markdown forms are the exit-1 reasons.
import type { ChannelNodeHeight, StatusReport } from './network-status.js';

export type StatusFormat = 'text' | 'markdown' | 'json';

export function renderStatus(report: StatusReport, format: StatusFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const table = format === 'markdown' ? markdownTable : textTable;
  const nodeRows = report.nodes.map((n) => [n.node, n.kind, n.health, n.version ?? '-', n.url]);
  const nodeHeader = ['node', 'kind', 'health', 'version', 'operations'];
  const sections: string[] = [];
  sections.push(
    format === 'markdown'
      ? `### Nodes of ${report.network}\n\n${table(nodeHeader, nodeRows)}`
      : table(nodeHeader, nodeRows),
  );
  for (const channel of report.channels) {
    const title = `channel ${channel.channel}: orderer height ${channel.ordererHeight ?? 'unknown'}`;
    const rows = channel.nodes.map((n) => [n.node, n.kind, heightText(n), lagText(n), n.state]);
    const body = table(['node', 'kind', 'height', 'lag', 'state'], rows);
    sections.push(format === 'markdown' ? `### ${title}\n\n${body}` : `${title}\n${body}`);
  }
  if (report.certificates.length > 0) {
    const rows = report.certificates.map((c) => [
      c.organization,
      c.kind,
      c.node ?? '-',
      c.notAfter.slice(0, 10),
      String(c.daysLeft),
      c.subject,
    ]);
    const body = table(['organization', 'kind', 'node', 'expires', 'days left', 'subject'], rows);
    sections.push(format === 'markdown' ? `### Certificates\n\n${body}` : `certificates\n${body}`);
  }
  const verdict = report.ok
    ? `${report.network}: all ${report.nodes.length} nodes healthy, no peer more than ${report.maxLag} blocks behind`
    : `${report.network}: ${report.failures.length} problem${report.failures.length === 1 ? '' : 's'}`;
  // Each failure names its code, as validate and apply print theirs.
  const failures = report.findings.map((found) =>
    format === 'markdown' ? `- \`${found.code}\` ${found.message}` : `  ${found.code} ${found.message}`,
  );
  const warnings = report.warnings.map((line) => (format === 'markdown' ? `- warning: ${line}` : `  warning: ${line}`));
  sections.push([verdict, ...failures, ...warnings].join('\n'));
  return `${sections.join('\n\n')}\n`;
}

function heightText(node: ChannelNodeHeight): string {
  return node.height === undefined ? '-' : String(node.height);
}

function lagText(node: ChannelNodeHeight): string {
  return node.lag === undefined ? '-' : String(node.lag);
}

function textTable(header: string[], rows: string[][]): string {
  const all = [header.map((h) => h.toUpperCase()), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}
