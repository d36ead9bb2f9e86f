// Live: what the repository records of the live network (the state folder, and the drift of the spec from it),
// and, for a network with connection settings in a served console, its nodes read now: each operations endpoint's
// health, version and ledger heights, as `netspec status --format json` reports them, with the time of the reading.
// Read-only GETs, no identity; only when asked, then every 30 seconds while the page is open.
import { useEffect, useState } from 'preact/hooks';
import { loadDocument, useDocument } from '../data.js';
import type { CertificateOverview, NetworkOverview, Plan, StatusReport } from '../documents.js';

const REFRESH_MS = 30_000;

type Reading = { report: StatusReport; at: Date } | { error: string; at: Date };

export function LivePage(props: { network: string; live: boolean }) {
  const overview = useDocument<NetworkOverview>(`api/networks/${props.network}/overview.json`);
  const plan = useDocument<Plan>(`api/networks/${props.network}/plan.json`);
  const [asked, setAsked] = useState(false);
  const [reading, setReading] = useState<Reading | undefined>();
  useEffect(() => {
    if (!asked) return;
    let current = true;
    const read = () =>
      loadDocument<StatusReport>(`api/networks/${props.network}/status.json`).then(
        (report) => current && setReading({ report, at: new Date() }),
        (error: Error) => current && setReading({ error: error.message, at: new Date() }),
      );
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [asked, props.network]);
  useEffect(() => {
    setAsked(false);
    setReading(undefined);
  }, [props.network]);
  if (overview.state === 'loading') return <p class="status">Loading…</p>;
  if (overview.state === 'failed') return <p class="error">{overview.error}</p>;
  const { connection, stateProblems } = overview.value;
  const configured = connection.identities.length > 0 || connection.endpoints.length > 0;
  return (
    <section class="live-page" data-testid="live">
      <h2>Live</h2>
      <p>
        The repository's record of the live network is the state folder <code>networks/{props.network}/state/</code>,
        written by <code>netspec fetch</code>; the proposals page plans the spec against it.
      </p>
      {plan.state === 'ready' ? (
        <p data-testid="drift">
          Drift (the spec on this branch against the recorded state):{' '}
          {plan.value.summary.hasChanges
            ? `channels ${
                plan.value.channels
                  .filter((c) => c.action !== 'noop')
                  .map((c) => `${c.channel} (${c.action})`)
                  .join(', ') || 'none'
              }; the rest is on the proposals page`
            : 'none: the state matches the spec'}
        </p>
      ) : null}
      <Certificates certificates={overview.value.certificates} />
      {stateProblems.length > 0 ? (
        <ul class="error">
          {stateProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {!configured ? (
        <p>This network has no connection settings: there is no live network to ask, only the state folder.</p>
      ) : !props.live ? (
        <p>
          This is a snapshot: it does not read the nodes.{' '}
          <code>netspec status networks/{props.network}/network.yaml</code> reads their health and ledger heights.
        </p>
      ) : (
        <>
          <p>
            Connection settings exist (identities of {connection.identities.join(', ') || 'no organization'}
            {connection.endpoints.length > 0 ? `; endpoints for ${connection.endpoints.join(', ')}` : ''}). The console
            can read each node's operations endpoint (health, version, ledger heights): read-only, no identity.
          </p>
          {!asked ? (
            <button type="button" data-action="read-nodes" onClick={() => setAsked(true)}>
              Read the nodes now
            </button>
          ) : null}
          {asked && !reading ? <p class="status">Reading the nodes…</p> : null}
          {reading ? <NodesReading reading={reading} /> : null}
        </>
      )}
    </section>
  );
}

function NodesReading(props: { reading: Reading }) {
  const { reading } = props;
  const at = reading.at.toLocaleTimeString();
  if ('error' in reading)
    return (
      <p class="error">
        {reading.error} (at {at})
      </p>
    );
  const { report } = reading;
  return (
    <div data-testid="nodes">
      <p class="status">
        Read at <time dateTime={reading.at.toISOString()}>{at}</time>, again every {REFRESH_MS / 1000} s:{' '}
        <strong class={report.ok ? 'satisfied' : 'invalid'}>{report.ok ? 'healthy' : 'not healthy'}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th>node</th>
            <th>health</th>
            <th>version</th>
            <th>heights</th>
            <th>problems</th>
          </tr>
        </thead>
        <tbody>
          {report.nodes.map((node) => (
            <tr key={node.node} data-node={node.node}>
              <td>{node.node}</td>
              <td class={node.health === 'OK' ? 'satisfied' : 'invalid'}>{node.health}</td>
              <td>{node.version ?? ''}</td>
              <td>
                {Object.entries(node.heights ?? {})
                  .map(([channel, height]) => `${channel} ${height}`)
                  .join(', ')}
              </td>
              <td>{[...node.failedChecks, ...node.problems].join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.failures.length > 0 ? (
        <ul class="error">
          {report.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The spec's certificates, soonest to expire first; days are counted on this browser's clock. */
function Certificates(props: { certificates: CertificateOverview[] }) {
  const now = Date.now();
  return (
    <details class="certificates" data-testid="certificates" open>
      <summary>Certificate expiry ({props.certificates.length} certificates the spec relies on)</summary>
      <table>
        <thead>
          <tr>
            <th>organization</th>
            <th>what</th>
            <th>expires</th>
            <th>subject</th>
          </tr>
        </thead>
        <tbody>
          {props.certificates.map((certificate) => {
            const days = Math.floor((Date.parse(certificate.notAfter) - now) / DAY_MS);
            const state = days < 0 ? 'invalid' : days < 30 ? 'waiting' : '';
            return (
              <tr key={`${certificate.file} ${certificate.role}`} title={certificate.file}>
                <td>{certificate.organization}</td>
                <td>{certificate.role}</td>
                <td class={state}>
                  {`${certificate.notAfter.slice(0, 10)} (${days < 0 ? `expired ${-days} days ago` : `in ${days} days`})`}
                </td>
                <td>{certificate.subject}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
