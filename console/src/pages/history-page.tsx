// History: the governance log (`netspec history --format json`) as a timeline, newest first: who proposed and who
// merged, what changed in the spec, every signature with its verdict, apply records, and what was rewritten. Each
// event links to its commit on GitHub when the repository's origin is there.
import { useDocument } from '../data.js';
import type { GovernanceEvent, GovernanceHistory } from '../documents.js';

export function HistoryPage(props: { network: string; commitBaseUrl?: string | undefined }) {
  const history = useDocument<GovernanceHistory>(`api/networks/${props.network}/history.json`);
  if (history.state === 'loading') return <p class="status">Reading the history from git…</p>;
  if (history.state === 'failed') return <p class="error">{history.error}</p>;
  return (
    <section class="history-page">
      <h2>
        History <small>{history.value.path}</small>
      </h2>
      <ol class="timeline" data-testid="timeline">
        {history.value.events.map((event) => (
          <Event key={event.commit} event={event} commitBaseUrl={props.commitBaseUrl} />
        ))}
      </ol>
    </section>
  );
}

function Event(props: { event: GovernanceEvent; commitBaseUrl?: string | undefined }) {
  const { event } = props;
  const short = event.commit.slice(0, 12);
  return (
    <li class={`event${event.rewritten ? ' rewritten' : ''}`} id={`commit-${event.commit}`} data-commit={event.commit}>
      <div class="when">{event.date}</div>
      <div class="what">
        <strong>{event.subject}</strong>{' '}
        {props.commitBaseUrl ? (
          <a href={`${props.commitBaseUrl}${event.commit}`} rel="noreferrer" class="commit-link">
            {short}
          </a>
        ) : (
          <a href={`#commit-${event.commit}`} class="commit-link" title="the repository's origin is not on GitHub">
            {short}
          </a>
        )}
        {event.pullRequest !== undefined ? <span class="badge">PR #{event.pullRequest}</span> : null}
        <div class="people">
          proposed by {event.github?.author ?? event.proposer.name}
          {event.mergedBy ? `, merged by ${event.github?.mergedBy ?? event.mergedBy.name}` : ''}
        </div>
        {event.specChanges.length > 0 ? (
          <ul class="spec-changes">
            {event.specChanges.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        ) : null}
        {event.signatures.map((signature) => (
          <div key={signature.path} class={`signature ${signature.status}`}>
            {signature.status === 'valid' ? 'signed' : signature.status.toUpperCase()} {signature.channel} by{' '}
            {signature.mspId}
            {signature.signer ? ` (${signature.signer})` : ''}
            {signature.reason ? `: ${signature.reason}` : ''}
          </div>
        ))}
        {event.applied.map((record) => (
          <div key={record.path} class={`applied${record.unsigned || record.rewritten ? ' alarm' : ''}`}>
            applied {record.channel ?? '?'}
            {record.chaincode ? ` chaincode ${record.chaincode.name} by ${record.chaincode.mspId}` : ''} at sequence{' '}
            {String(record.sequence ?? '?')}
            {record.unsigned ? ` — UNSIGNED: ${record.unsigned}` : ''}
            {record.rewritten ? ` — REWRITTEN: ${record.rewritten}` : ''}
            {record.problem ? ` — ${record.problem}` : ''}
          </div>
        ))}
        {(event.rewritten ?? []).map((reason) => (
          <div key={reason} class="alarm">
            REWRITTEN: {reason}
          </div>
        ))}
      </div>
    </li>
  );
}
