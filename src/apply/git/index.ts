// Git as the governance log: every change to a network on the main line as an event (commit, PR, proposer and
// merger, spec changes, signatures verified against the channel config of their time, apply records joined to the
// bundle they applied, rewrites), read from a plain clone, rendered as text, markdown or JSON.
// And a file as committed at a revision (the spec on a PR's base commit, whose approvers count).

export { type FileAtRevision, readFileAtRevision } from './file-at-revision.js';
export type {
  AppliedEvent,
  ApplyRecord,
  GovernanceEvent,
  GovernanceHistory,
  Person,
  SignatureEvent,
} from './governance-event.js';
export { pullRequestNumber } from './pull-request-number.js';
export { addPullRequestPeople, type PullRequestPeople } from './pull-request-people.js';
export { type HistoryInput, readGovernanceHistory } from './read-governance-history.js';
export { renderHistoryJson, renderHistoryMarkdown, renderHistoryText } from './render-history.js';
export { summarizeSpecChange } from './spec-change-summary.js';
