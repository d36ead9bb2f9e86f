// Live: the console reads the repository, not the network. This page says what the state folder records and which
// connection settings exist; health, heights and drift come from `netspec status` and `netspec fetch`, run where
// the connection secrets are.
import { useDocument } from '../data.js';
import type { NetworkOverview, Plan } from '../documents.js';

export function LivePage(props: { network: string }) {
  const overview = useDocument<NetworkOverview>(`api/networks/${props.network}/overview.json`);
  const plan = useDocument<Plan>(`api/networks/${props.network}/plan.json`);
  if (overview.state === 'loading') return <p class="status">Loading…</p>;
  if (overview.state === 'failed') return <p class="error">{overview.error}</p>;
  const { connection, stateProblems } = overview.value;
  const configured = connection.identities.length > 0 || connection.endpoints.length > 0;
  return (
    <section class="live-page" data-testid="live">
      <h2>Live</h2>
      <p>
        This page shows the live network as the repository records it: the state folder{' '}
        <code>networks/{props.network}/state/</code>, written by <code>netspec fetch</code>. The console itself never
        connects to an orderer, peer or Quorum node.
      </p>
      {configured ? (
        <p>
          Connection settings exist (identities of {connection.identities.join(', ') || 'no organization'}
          {connection.endpoints.length > 0 ? `; endpoint overrides for ${connection.endpoints.join(', ')}` : ''}). Run{' '}
          <code>netspec status networks/{props.network}/network.yaml</code> where their secrets are set for node health
          and ledger heights, and <code>netspec fetch</code> to refresh the state folder.
        </p>
      ) : (
        <p>This network has no connection settings: there is no live network to ask, only the state folder.</p>
      )}
      {stateProblems.length > 0 ? (
        <ul class="error">
          {stateProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {plan.state === 'ready' ? (
        <p data-testid="drift">
          Drift (the spec on this branch against the recorded state):{' '}
          {plan.value.summary.hasChanges
            ? `${
                plan.value.channels
                  .filter((c) => c.action !== 'noop')
                  .map((c) => `${c.channel} ${c.action}`)
                  .join(', ') || 'no channel'
              } differ; see Proposals`
            : 'none: the state matches the spec'}
        </p>
      ) : null}
    </section>
  );
}
