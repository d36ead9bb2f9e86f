// Channels: members, orderer organizations and consenters, batch settings, capabilities, every policy in the plan's
// words, and chaincodes: the definition in the spec against the committed one, who must approve the next step
// (the plan's lifecycle steps) and who approved so far (apply records in the governance history).
import { useDocument } from '../data.js';
import type { ChannelOverview, GovernanceHistory, NetworkOverview, Plan } from '../documents.js';

export function ChannelsPage(props: { network: string; selected?: string }) {
  const overview = useDocument<NetworkOverview>(`api/networks/${props.network}/overview.json`);
  const plan = useDocument<Plan>(`api/networks/${props.network}/plan.json`);
  const history = useDocument<GovernanceHistory>(`api/networks/${props.network}/history.json`);
  if (overview.state === 'loading') return <p class="status">Loading channels…</p>;
  if (overview.state === 'failed') return <p class="error">{overview.error}</p>;
  const channels = overview.value.channels.filter((c) => props.selected === undefined || c.name === props.selected);
  const mspOf = new Map(overview.value.organizations.map((org) => [org.name, org.mspId]));
  return (
    <section class="channels-page">
      <h2>Channels</h2>
      <nav class="subnav">
        <a href={`#/${props.network}/channels`} class={props.selected === undefined ? 'current' : ''}>
          all
        </a>
        {overview.value.channels.map((c) => (
          <a
            key={c.name}
            href={`#/${props.network}/channels/${c.name}`}
            class={c.name === props.selected ? 'current' : ''}
          >
            {c.name}
          </a>
        ))}
      </nav>
      {channels.length === 0 ? <p class="error">No channel {props.selected} in this network.</p> : null}
      {channels.map((channel) => (
        <Channel
          key={channel.name}
          channel={channel}
          mspOf={mspOf}
          plan={plan.state === 'ready' ? plan.value : undefined}
          history={history.state === 'ready' ? history.value : undefined}
        />
      ))}
    </section>
  );
}

function Channel(props: {
  channel: ChannelOverview;
  mspOf: Map<string, string>;
  plan: Plan | undefined;
  history: GovernanceHistory | undefined;
}) {
  const { channel } = props;
  const channelPlan = props.plan?.channels.find((c) => c.channel === channel.name);
  return (
    <article class="channel" data-channel={channel.name}>
      <h3>
        {channel.name}{' '}
        {channelPlan && channelPlan.action !== 'noop' ? <span class="badge">plan: {channelPlan.action}</span> : null}
      </h3>
      <dl>
        <dt>members</dt>
        <dd>{channel.members.map((m) => `${m} (${props.mspOf.get(m) ?? m})`).join(', ')}</dd>
        <dt>ordering</dt>
        <dd>
          {channel.consensus} by {channel.ordererOrganizations.join(', ')}; consenters{' '}
          {channel.consenters.map((c) => `${c.ref} (${c.host}:${c.port})`).join(', ')}
        </dd>
        <dt>batches</dt>
        <dd>
          every {channel.batchTimeout} or {channel.batchSize.maxMessageCount} messages; at most{' '}
          {bytes(channel.batchSize.absoluteMaxBytes)}, preferred {bytes(channel.batchSize.preferredMaxBytes)}
        </dd>
        <dt>capabilities</dt>
        <dd>
          channel {channel.capabilities.channel}, orderer {channel.capabilities.orderer}, application{' '}
          {channel.capabilities.application}
        </dd>
      </dl>
      <h4>Policies</h4>
      <table class="policies">
        <tbody>
          {channel.policies.map((policy) => (
            <tr key={policy.path}>
              <th>{policy.path}</th>
              <td>{policy.words}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys(channel.acls).length > 0 ? (
        <p>
          ACL overrides:{' '}
          {Object.entries(channel.acls)
            .map(([resource, policy]) => `${resource} → ${policy}`)
            .join(', ')}
        </p>
      ) : null}
      <h4>Chaincodes</h4>
      {channel.chaincodes.length === 0 ? <p>None.</p> : null}
      {channel.chaincodes.map((chaincode) => {
        const planned = props.plan?.chaincodes.find((c) => c.channel === channel.name && c.name === chaincode.name);
        const approvals = approvalsOf(props.history, channel.name, chaincode.name);
        return (
          <div class="chaincode" key={chaincode.name} data-chaincode={chaincode.name}>
            <strong>{chaincode.name}</strong> version {chaincode.version}, sequence {chaincode.sequence}
            {chaincode.committed
              ? ` (committed: ${chaincode.committed.version}, sequence ${chaincode.committed.sequence})`
              : ' (not committed)'}
            <br />
            endorsement: {chaincode.endorsementPolicy}
            {chaincode.initRequired ? '; init required' : ''}
            {chaincode.collections.length > 0 ? `; collections ${chaincode.collections.join(', ')}` : ''}
            {planned && planned.action !== 'noop' ? (
              <p>
                Next step ({planned.action}): approved by each of{' '}
                {planned.steps.flatMap((step) => (step.kind === 'approve' ? [step.mspId] : [])).join(', ')}, then
                committed ({planned.commitRequirement}).
              </p>
            ) : null}
            <p>
              Approved (apply records):{' '}
              {props.history === undefined
                ? 'history not available'
                : approvals.length > 0
                  ? approvals.join(', ')
                  : 'none recorded'}
            </p>
          </div>
        );
      })}
    </article>
  );
}

/** "DistributorMSP (sequence 2)" for every recorded approve step of the chaincode on the channel. */
function approvalsOf(history: GovernanceHistory | undefined, channel: string, name: string): string[] {
  const found = new Set<string>();
  for (const event of history?.events ?? [])
    for (const record of event.applied)
      if (record.channel === channel && record.chaincode?.name === name && !record.problem)
        if ((record.steps ?? []).some((step) => step.action.startsWith('approve')))
          found.add(`${record.chaincode.mspId} (sequence ${String(record.sequence)})`);
  return [...found].sort();
}

function bytes(count: number): string {
  if (count % (1024 * 1024) === 0) return `${count / (1024 * 1024)} MB`;
  if (count % 1024 === 0) return `${count / 1024} KB`;
  return `${count} bytes`;
}
