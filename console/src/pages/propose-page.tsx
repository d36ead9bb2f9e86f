// Propose: one of a few common edits to network.yaml. The console shows the edited spec's diff and plan first;
// only then can the edit be committed, on a new local branch (the checked-out branch and working tree stay as they
// are), with the `git push` and `gh pr create` to run printed for the user.
import { useState } from 'preact/hooks';
import { postEdit, useDocument } from '../data.js';
import type { EditCommitted, EditPreview, NetworkOverview, Plan, SpecEdit } from '../documents.js';
import { PlanView } from './proposals-page.js';

type Kind = SpecEdit['kind'];

export function ProposePage(props: { network: string }) {
  const overview = useDocument<NetworkOverview>(`api/networks/${props.network}/overview.json`);
  const [kind, setKind] = useState<Kind>('add-member');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<EditPreview | undefined>();
  const [committed, setCommitted] = useState<EditCommitted | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (overview.state === 'loading') return <p class="status">Loading…</p>;
  if (overview.state === 'failed') return <p class="error">{overview.error}</p>;
  const data = overview.value;
  const channel = data.channels.find((c) => c.name === fields.channel) ?? data.channels[0];
  const set = (key: string, value: string) => {
    setFields({ ...fields, [key]: value });
    setPreview(undefined);
    setCommitted(undefined);
  };
  const edit = (): Record<string, string> => {
    const base: Record<string, string> = { kind, channel: channel?.name ?? '' };
    if (kind === 'add-member') base.organization = fields.organization ?? candidates()[0] ?? '';
    if (kind === 'chaincode-version') {
      base.chaincode = fields.chaincode ?? channel?.chaincodes[0]?.name ?? '';
      base.version = fields.version ?? '';
    }
    if (kind === 'batch')
      for (const key of ['batchTimeout', 'maxMessageCount', 'absoluteMaxBytes', 'preferredMaxBytes'])
        if (fields[key]?.trim()) base[key] = fields[key]!.trim();
    return base;
  };
  const candidates = () => data.organizations.map((o) => o.name).filter((name) => !channel?.members.includes(name));
  const run = async (step: 'preview' | 'commit') => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postEdit<EditPreview | EditCommitted>(props.network, step, edit());
      if (step === 'commit') setCommitted(answer as EditCommitted);
      setPreview(answer);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="propose-page">
      <h2>Propose a change</h2>
      <p>
        The edit is made to network.yaml as committed at HEAD and committed on a new local branch; nothing is pushed and
        no node is contacted.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run('preview');
        }}
      >
        <label>
          Change{' '}
          <select
            name="kind"
            value={kind}
            onChange={(event) => {
              setKind((event.target as HTMLSelectElement).value as Kind);
              setPreview(undefined);
              setCommitted(undefined);
            }}
          >
            <option value="add-member">add an organization to a channel</option>
            <option value="batch">change a channel's batch settings</option>
            <option value="chaincode-version">next chaincode version</option>
          </select>
        </label>
        <label>
          Channel{' '}
          <select
            name="channel"
            value={channel?.name}
            onChange={(e) => set('channel', (e.target as HTMLSelectElement).value)}
          >
            {data.channels.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {kind === 'add-member' ? (
          <label>
            Organization{' '}
            <select
              name="organization"
              value={fields.organization ?? candidates()[0]}
              onChange={(e) => set('organization', (e.target as HTMLSelectElement).value)}
            >
              {candidates().map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {kind === 'batch'
          ? (
              [
                ['batchTimeout', `batch timeout (now ${channel?.batchTimeout})`],
                ['maxMessageCount', `max message count (now ${channel?.batchSize.maxMessageCount})`],
                ['absoluteMaxBytes', `absolute max bytes (now ${channel?.batchSize.absoluteMaxBytes})`],
                ['preferredMaxBytes', `preferred max bytes (now ${channel?.batchSize.preferredMaxBytes})`],
              ] as const
            ).map(([key, label]) => (
              <label key={key}>
                {label}{' '}
                <input
                  name={key}
                  value={fields[key] ?? ''}
                  onInput={(e) => set(key, (e.target as HTMLInputElement).value)}
                />
              </label>
            ))
          : null}
        {kind === 'chaincode-version' ? (
          <>
            <label>
              Chaincode{' '}
              <select
                name="chaincode"
                value={fields.chaincode ?? channel?.chaincodes[0]?.name}
                onChange={(e) => set('chaincode', (e.target as HTMLSelectElement).value)}
              >
                {channel?.chaincodes.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} (now {c.version}, sequence {c.sequence})
                  </option>
                ))}
              </select>
            </label>
            <label>
              New version{' '}
              <input
                name="version"
                value={fields.version ?? ''}
                onInput={(e) => set('version', (e.target as HTMLInputElement).value)}
              />
            </label>
          </>
        ) : null}
        <button type="submit" disabled={busy} data-action="preview">
          Show the plan
        </button>
      </form>
      {error ? (
        <p class="error" data-testid="edit-error">
          {error}
        </p>
      ) : null}
      {committed ? (
        <div class="committed" data-testid="committed">
          <h3>Committed on branch {committed.branch}</h3>
          <p>
            Commit <code data-testid="commit">{committed.commit}</code> on{' '}
            <code data-testid="branch">{committed.branch}</code>, from {committed.base}. To open the pull request, run:
          </p>
          <pre>{committed.commands.join('\n')}</pre>
        </div>
      ) : null}
      {preview ? (
        <div class="preview" data-testid="preview">
          <h3>{preview.subject}</h3>
          {preview.note ? <p class="warning">{preview.note}</p> : null}
          <pre class="diff">{preview.diff}</pre>
          {!committed ? (
            <button type="button" disabled={busy} onClick={() => void run('commit')} data-action="commit">
              Commit on a new branch
            </button>
          ) : null}
          <PlanView plan={preview.plan as Plan} />
        </div>
      ) : null}
    </section>
  );
}
