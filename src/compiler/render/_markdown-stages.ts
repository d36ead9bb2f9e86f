// A staged change in the PR comment: every stage numbered, the one this bundle carries marked, and what must
// happen between stages (a node restarts with its new certificate; the ordering nodes restart as BFT). Reviewers
// sign one stage at a time, so they see where this one sits in the whole.
import type { ChannelPlan, ChannelStage } from '../plan/plan.js';
import { escapeText } from './_markdown-text.js';

const STATUS: Readonly<Record<ChannelStage['status'], string>> = {
  applied: '✅ applied',
  this: '👉 **this bundle**',
  later: 'later',
};

/** What an operator does once a stage is live, before the next one is planned. */
const AFTER: Partial<Record<ChannelStage['kind'], string>> = {
  'maintenance-on':
    'stop the ordering nodes, back up their file systems, start them again (the rollback point of the migration)',
  'consensus-switch':
    'restart every ordering node: each comes back as a BFT consenter; check that a leader is elected on the channel',
  'rotate-consenter': 'restart that node with its new certificate, and check that it rejoined its cluster',
  'add-roots': 'issue and install the certificates from the new CA',
};

export function stagesSection(channel: ChannelPlan): string[] {
  const stages = channel.stages;
  if (!stages || stages.length === 0) return [];
  const current = stages.find((s) => s.status === 'this');
  const lines = [
    `#### Stages: ${current ? `${current.number} of ${stages.length}` : `${stages.length}`}`,
    '',
    'The orderer accepts this change only as several updates in order. Each stage is its own plan, signature round and apply; ' +
      'once one is live, `netspec fetch` and `netspec plan` make the next, and verify refuses a stage whose turn has not come.',
    '',
  ];
  for (const stage of stages) {
    const after = AFTER[stage.kind];
    lines.push(
      `${stage.number}. ${STATUS[stage.status]}: ${escapeText(stage.title)}${after && stage.status !== 'applied' ? ` — then ${escapeText(after)}` : ''}`,
    );
  }
  return lines;
}
