// The plan as a pull-request comment: what a consortium reviewer reads before anyone signs. Verdict first, then
// anything that blocks the plan, a summary, the changes per channel with who must sign, chaincode approvals,
// Quorum votes, a picture of the consortium with the changes marked, and the commands each org runs next.
// Only reads the plan; deterministic, so a bot can compare and update its comment (found by the first line).
import { formatLocation, type SourceTexts } from '../diagnostics/index.js';
import type { NetworkModel } from '../model/network-model.js';
import type { GuardFinding, Plan } from '../plan/plan.js';
import { certificateSection } from './_certificates.js';
import { channelSections, orgLabel } from './_markdown-channels.js';
import { chaincodeSection, quorumSection } from './_markdown-lifecycle.js';
import { code, escapeText, fenced, plural, shortHash, table } from './_markdown-text.js';
import { renderMermaid } from './mermaid.js';

/** The first line of every plan comment: how a bot finds the comment it must update. */
export const PLAN_COMMENT_MARKER = '<!-- netspec-plan -->';

export interface MarkdownOptions {
  /** Source texts, to print guard findings with `file:line:col`; without them only the file is named. */
  sources?: SourceTexts;
}

export function renderMarkdown(plan: Plan, model: NetworkModel, options: MarkdownOptions = {}): string {
  const sources = options.sources ?? { get: () => undefined };
  const errors = plan.guards.filter((g) => g.diagnostic.severity === 'error');
  const allowed = plan.guards.filter((g) => g.diagnostic.severity !== 'error');
  const lines: string[] = [PLAN_COMMENT_MARKER, `## netspec plan: ${code(plan.network)}`, '', verdict(plan), ''];
  lines.push(
    `Spec ${code(plan.specFile)} (sha256 ${code(shortHash(plan.specHash))}) against the live state in ${code(plan.stateDir)}.`,
    '',
  );
  if (errors.length > 0) lines.push(...blockingSection(errors, sources), '');
  lines.push(...summaryTable(plan), '');
  if (allowed.length > 0) lines.push(...allowedSection(allowed, sources), '');
  lines.push(...channelSections(plan.channels, model));
  lines.push(...chaincodeSection(plan.chaincodes, model));
  lines.push(...quorumSection(plan.quorum, model));
  lines.push(...kubernetesSection(plan));
  lines.push(...usersSection(plan));
  lines.push(...certificateSection(plan.certificates));
  lines.push('## Consortium', '', ...fenced('mermaid', renderMermaid(model, plan).trimEnd()));
  if (plan.summary.hasChanges) lines.push('', '<sub>Green: added · amber: changed · red, dashed: removed.</sub>');
  lines.push('', ...nextSteps(plan, model));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** Per organization, the objects its own `netspec apply --k8s` will create, change or prune. */
function kubernetesSection(plan: Plan): string[] {
  const changed = plan.kubernetes.filter((org) => org.create.length + org.change.length + org.prune.length > 0);
  if (changed.length === 0) return [];
  const lines = [
    '## Kubernetes',
    '',
    'Each organization applies its own folder to its own cluster (`netspec apply --k8s --org <org>`).',
    '',
  ];
  for (const org of changed) {
    const rows = [
      ...org.create.map((id) => ['+', code(id)]),
      ...org.change.map((id) => ['~', code(id)]),
      ...org.prune.map((id) => ['-', code(id)]),
    ];
    lines.push(
      `### ${code(org.organization)}: ${org.create.length} to create, ${org.change.length} to change, ${org.prune.length} to prune`,
      '',
      ...table(['', 'Object'], ['c', 'l'], rows),
      '',
    );
  }
  return lines;
}

const USER_MARK = { create: '+', modify: '~', 're-enroll': '~', remove: '-', converge: '?', noop: '' } as const;

/** Per organization, the application users its own `netspec apply --users` will register, modify or enroll. */
function usersSection(plan: Plan): string[] {
  const changed = (plan.users ?? []).filter((org) => org.users.some((user) => user.action !== 'noop'));
  if (changed.length === 0) return [];
  const lines = [
    '## Application users',
    '',
    'Each organization converges its own CA with `netspec apply --users --org <org> --enroll-out <dir>`; nothing here is signed.',
    '',
  ];
  for (const org of changed) {
    const rows = org.users
      .filter((user) => user.action !== 'noop')
      .map((user) => [
        USER_MARK[user.action],
        code(user.user),
        user.action,
        escapeText(user.changes.join('; ') || '—'),
        escapeText(user.effect),
      ]);
    lines.push(
      `### ${code(org.organization)}: ${org.record ? `compared with ${code(org.record)} in the state` : 'nothing recorded in the state yet'}`,
      '',
      ...table(['', 'User', 'Action', 'Changes', 'What apply does'], ['c', 'l', 'l', 'l', 'l'], rows),
      '',
    );
  }
  return lines;
}

function changeCount(plan: Plan): number {
  const { summary } = plan;
  const quorumCreates = plan.quorum.filter((q) => q.action === 'create').length;
  const transitionChanges = plan.quorum.reduce((n, q) => n + (q.transitions?.changes.length ?? 0), 0);
  return (
    summary.channelsCreated +
    summary.channelsUpdated +
    summary.chaincodeChanges +
    summary.validatorVotes +
    summary.kubernetesChanges +
    (summary.userChanges ?? 0) +
    quorumCreates +
    transitionChanges
  );
}

function verdict(plan: Plan): string {
  const count = changeCount(plan);
  if (plan.summary.blocked) {
    const errors = plan.guards.filter((g) => g.diagnostic.severity === 'error').length;
    return `⛔ **BLOCKED by ${plural(errors, 'safety guard')}**: ${plural(count, 'change')} planned, none may be signed until the spec is fixed or the guard allowed.`;
  }
  if (!plan.summary.hasChanges) return '✅ **No changes.** The live network matches the spec.';
  return `📝 **${plural(count, 'change')}** to review, then sign.`;
}

function summaryTable(plan: Plan): string[] {
  const { summary } = plan;
  const rows: string[][] = [
    [
      'Fabric channels',
      String(summary.channelsCreated),
      String(summary.channelsUpdated),
      String(summary.channelsUnchanged),
    ],
  ];
  if (plan.chaincodes.length > 0) {
    const count = (action: string) => String(plan.chaincodes.filter((c) => c.action === action).length);
    rows.push(['Chaincode definitions', count('define'), count('upgrade'), count('noop')]);
  }
  if (plan.quorum.length > 0) {
    const count = (action: string) => plan.quorum.filter((q) => q.action === action).length;
    rows.push([
      'Quorum networks',
      String(count('create')),
      `${count('vote') + count('update')} (${plural(summary.validatorVotes, 'validator vote')}${count('update') > 0 ? `, ${plural(count('update'), 'genesis transition change')}` : ''})`,
      String(count('noop')),
    ]);
  }
  if (plan.kubernetes.length > 0) {
    const sum = (pick: (org: Plan['kubernetes'][number]) => number) =>
      String(plan.kubernetes.reduce((n, org) => n + pick(org), 0));
    rows.push([
      'Kubernetes objects',
      sum((org) => org.create.length),
      sum((org) => org.change.length + org.prune.length),
      sum((org) => org.unchanged),
    ]);
  }
  const users = (plan.users ?? []).flatMap((org) => org.users);
  if (users.length > 0) {
    const count = (...actions: string[]) => String(users.filter((user) => actions.includes(user.action)).length);
    rows.push([
      'Application users',
      count('create'),
      count('modify', 're-enroll', 'remove', 'converge'),
      count('noop'),
    ]);
  }
  const errors = plan.guards.filter((g) => g.diagnostic.severity === 'error').length;
  const guardLine = `Safety guards: ${errors} blocking, ${plan.guards.length - errors} allowed by the spec.`;
  return [...table(['', 'Create', 'Update', 'Unchanged'], ['l', 'r', 'r', 'r'], rows), '', guardLine];
}

function blockingSection(findings: readonly GuardFinding[], sources: SourceTexts): string[] {
  const codes = [...new Set(findings.map((f) => f.diagnostic.code))];
  const lines = [
    '> [!CAUTION]',
    `> **This plan is blocked.** ${plural(findings.length, 'finding')} below would put the live network at risk. ` +
      'Fix the spec, or, if the consortium accepts the risk, name the code in `allow:` in network.yaml.',
    '',
    '## ⛔ Blocking safety guards',
    '',
    ...findings.flatMap((finding) => findingLines(finding, sources, true)),
    '',
    'To accept these risks deliberately (reviewers will see them as warnings):',
    '',
    ...fenced('yaml', ['allow:', ...codes.map((c) => `  - ${c}`)].join('\n')),
  ];
  return lines;
}

function allowedSection(findings: readonly GuardFinding[], sources: SourceTexts): string[] {
  return [
    '> [!WARNING]',
    `> ${plural(findings.length, 'safety guard finding')} allowed by the spec's \`allow:\` list: check that the consortium still accepts ${findings.length === 1 ? 'it' : 'them'}.`,
    '',
    ...findings.flatMap((finding) => findingLines(finding, sources, false)),
  ];
}

function findingLines(finding: GuardFinding, sources: SourceTexts, blocking: boolean): string[] {
  const { diagnostic } = finding;
  const range = diagnostic.ranges[0];
  // Without the source text a line:col would be a guess (1:1): name the file alone.
  const location = range && (sources.get(range.file) !== undefined ? formatLocation(range, sources) : range.file);
  const where = location ? ` at ${code(location)}` : '';
  const lines = [
    `- **${code(diagnostic.code)}** on ${code(finding.target)}${where}: ${escapeText(diagnostic.message)}`,
  ];
  if (diagnostic.hint) lines.push(`  ${escapeText(diagnostic.hint)}`);
  if (blocking) lines.push(`  To allow it: ${code(`allow: [${diagnostic.code}]`)} in network.yaml.`);
  return lines;
}

function nextSteps(plan: Plan, model: NetworkModel): string[] {
  const lines = ['## Next steps', ''];
  if (plan.summary.blocked) {
    lines.push(
      'Nothing can be signed while the plan is blocked: fix the spec or allow the guards above, push, and the plan is made again.',
    );
    return lines;
  }
  if (!plan.summary.hasChanges) {
    lines.push('Nothing to sign or apply.');
    return lines;
  }
  const signers = [...new Set(plan.channels.flatMap((c) => c.signers.flatMap((s) => s.mspIds)))].sort();
  let step = 1;
  if (signers.length > 0) {
    lines.push(
      `${step++}. Each organization under *Who must sign* signs the bundle with an admin identity of its MSP:`,
      '',
    );
    const commands = signers.map(
      (mspId) => `netspec sign <bundle> --msp-id ${mspId} --cert <admin-cert.pem> --key <admin-key.pem>`,
    );
    lines.push(...fenced('sh', commands.join('\n')).map((line) => `   ${line}`), '');
    lines.push(`${step++}. ${code('netspec verify <bundle>')} shows which signatures are still missing.`);
  }
  const approvers = [
    ...new Set(plan.chaincodes.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'approve' ? [s.mspId] : [])))),
  ].sort();
  if (approvers.length > 0) {
    lines.push(
      `${step++}. Chaincode approvals: ${escapeText(approvers.map((id) => orgLabel(id, model)).join(', '))} each run ${code('netspec apply <bundle> --org <org>')}, then one commits.`,
    );
  }
  if (plan.quorum.some((q) => q.transitions)) {
    lines.push(
      `${step++}. Quorum transitions: each organization applies its manifests (${code('netspec apply <bundle> --k8s --org <org>')}) so its nodes restart with the new genesis before the first transition block.`,
    );
  }
  if (plan.quorum.some((q) => q.votes)) {
    lines.push(`${step++}. Quorum: validator owners cast their votes with ${code('netspec apply <bundle> --quorum')}.`);
  }
  const userOrgs = (plan.users ?? []).filter((org) => org.users.some((user) => user.action !== 'noop'));
  if (userOrgs.length > 0) {
    lines.push(
      `${step++}. Application users: ${escapeText(userOrgs.map((org) => org.organization).join(', '))} ${userOrgs.length === 1 ? 'runs' : 'each run'} ${code('netspec apply <bundle> --users --org <org> --enroll-out <dir>')}, which records what it converged for the next plan.`,
    );
  }
  lines.push(
    `${step++}. Once merged, CI applies the verified bundle; re-planning the same spec and state reproduces it byte for byte.`,
  );
  return lines;
}
