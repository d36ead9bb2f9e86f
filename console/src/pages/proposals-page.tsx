// Proposals: the spec's pending plan (network.yaml against state/, what `netspec plan` prints) and every bundle in
// the network's folder. A bundle's page shows its plan.json and its signatures as `netspec verify` judges them: who
// must sign each policy, who signed (valid signatures only), who is still awaited, and each file's verdict.
import { useDocument } from '../data.js';
import type { Plan, VerifyReport } from '../documents.js';

const CURRENT = 'plan';

export function ProposalsPage(props: { network: string; bundles: string[] }) {
  const plan = useDocument<Plan>(`api/networks/${props.network}/plan.json`);
  return (
    <section class="proposals-page">
      <h2>Proposals</h2>
      <ul class="proposal-list">
        <li>
          <a href={`#/${props.network}/proposals/${CURRENT}`} data-proposal={CURRENT}>
            network.yaml against state/
          </a>{' '}
          — the plan of the spec as it stands:{' '}
          {plan.state === 'ready' ? summaryLine(plan.value) : plan.state === 'failed' ? plan.error : '…'}
        </li>
        {props.bundles.map((bundle) => (
          <li key={bundle}>
            <a href={`#/${props.network}/proposals/b:${encodeURIComponent(bundle)}`} data-proposal={`b:${bundle}`}>
              bundle {bundle}/
            </a>{' '}
            — a plan bundle with its signatures
          </li>
        ))}
      </ul>
      {props.bundles.length === 0 ? (
        <p class="status">
          No plan bundle in this network's folder: `netspec plan --out networks/{props.network}/bundle` writes one.
        </p>
      ) : null}
    </section>
  );
}

export function ProposalPage(props: { network: string; id: string }) {
  const bundle = props.id.startsWith('b:') ? props.id.slice(2) : undefined;
  const base = `api/networks/${props.network}`;
  const plan = useDocument<Plan>(bundle ? `${base}/bundles/${bundle}/plan.json` : `${base}/plan.json`);
  const verify = useDocument<VerifyReport>(bundle ? `${base}/bundles/${bundle}/verify.json` : undefined);
  return (
    <section class="proposal-page">
      <p>
        <a href={`#/${props.network}/proposals`}>← all proposals</a>
      </p>
      <h2>{bundle ? `Bundle ${bundle}/` : 'network.yaml against state/'}</h2>
      {plan.state === 'loading' ? <p class="status">Planning…</p> : null}
      {plan.state === 'failed' ? <p class="error">{plan.error}</p> : null}
      {bundle && verify.state === 'ready' ? <VerifyStatus report={verify.value} /> : null}
      {bundle && verify.state === 'failed' ? <p class="error">verify: {verify.error}</p> : null}
      {!bundle ? (
        <p class="status">
          Not a bundle yet: nobody can sign it until `netspec plan --out` writes it. Who must sign is below.
        </p>
      ) : null}
      {plan.state === 'ready' ? (
        <PlanView plan={plan.value} report={bundle && verify.state === 'ready' ? verify.value : undefined} />
      ) : null}
    </section>
  );
}

function VerifyStatus(props: { report: VerifyReport }) {
  const { report } = props;
  return (
    <div class={`verdict ${report.status}`} data-testid="verify-status">
      verify: <strong>{report.status}</strong>
      {(report.problems ?? []).map((problem) => (
        <div key={`${problem.code} ${problem.message}`}>
          <code>{problem.code}</code> {problem.message}
        </div>
      ))}
    </div>
  );
}

export function PlanView(props: { plan: Plan; report?: VerifyReport | undefined }) {
  const { plan, report } = props;
  return (
    <div class="plan" data-testid="plan">
      <p class="summary">{summaryLine(plan)}</p>
      {plan.guards.length > 0 ? (
        <div class="guards">
          <h3>Guards</h3>
          <ul>
            {plan.guards.map((guard, index) => (
              <li key={String(index)} class={guard.diagnostic.severity}>
                {guard.diagnostic.severity} {guard.diagnostic.code} ({guard.target}): {guard.diagnostic.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>No safety guard is tripped.</p>
      )}
      <h3>Channels</h3>
      {plan.channels.map((channel) => {
        const verdict = report?.updates.find((update) => update.channel === channel.channel);
        return (
          <article key={channel.channel} class="channel-plan" data-channel={channel.channel}>
            <h4>
              {channel.channel}: {channel.action}
              {verdict ? <span class={`badge ${verdict.status}`}>{verdict.status}</span> : null}
            </h4>
            {channel.action === 'create' ? <p>A new channel: genesis block {channel.artifact}.</p> : null}
            {channel.stages && channel.stages.length > 0 ? (
              <ol class="stages" data-testid="stages">
                {channel.stages.map((stage) => (
                  <li key={stage.number} value={stage.number} class={stage.status}>
                    {stage.title}{' '}
                    <span class="badge">
                      {stage.status === 'this' ? 'this bundle' : stage.status === 'applied' ? 'applied' : 'later'}
                    </span>
                  </li>
                ))}
              </ol>
            ) : null}
            {channel.delta.length > 0 ? (
              <ul class="delta">
                {channel.delta.map((delta) => (
                  <li key={delta.path}>
                    {delta.change} {delta.kind} <code>{delta.path}</code>
                    {delta.problem ? <span class="error"> — {delta.problem}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {channel.signers.length > 0 ? (
              <table class="signers" data-testid="signers">
                <thead>
                  <tr>
                    <th>policy</th>
                    <th>who must sign</th>
                    <th>signed (verified)</th>
                    <th>waiting for</th>
                  </tr>
                </thead>
                <tbody>
                  {channel.signers.map((signer) => {
                    const requirement = verdict?.requirements.find((r) => r.policyPath === signer.policyPath);
                    return (
                      <tr key={signer.policyPath} data-policy={signer.policyPath}>
                        <td>
                          <code>{signer.policyPath}</code>
                        </td>
                        <td>{signer.summary.slice(signer.policyPath.length + 2)}</td>
                        <td class="signed">
                          {requirement ? requirement.signedBy.join(', ') || 'nobody yet' : 'no bundle to sign'}
                        </td>
                        <td class="waiting">
                          {requirement
                            ? requirement.satisfied
                              ? 'satisfied'
                              : (requirement.progress ?? requirement.waitingFor.join(', '))
                            : signer.mspIds.join(', ')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : null}
            {verdict && verdict.signatures.length > 0 ? (
              <ul class="signatures">
                {verdict.signatures.map((signature) => (
                  <li key={signature.source} class={signature.valid ? 'valid' : 'invalid'}>
                    {signature.mspId}: {signature.valid ? 'valid' : `does not count (${signature.reason ?? 'invalid'})`}{' '}
                    <code>{signature.source}</code>
                  </li>
                ))}
              </ul>
            ) : null}
            {verdict?.problems.map((problem) => (
              <p class="error" key={`${problem.code} ${problem.message}`}>
                <code>{problem.code}</code> {problem.message}
              </p>
            ))}
          </article>
        );
      })}
      <h3>Chaincodes</h3>
      <ul>
        {plan.chaincodes.map((chaincode) => (
          <li key={`${chaincode.channel}/${chaincode.name}`}>
            {chaincode.name} on {chaincode.channel}: {chaincode.action}
            {chaincode.action !== 'noop'
              ? ` to ${chaincode.desired.version} (sequence ${chaincode.desired.sequence})${
                  chaincode.live ? ` from ${chaincode.live.version} (sequence ${chaincode.live.sequence})` : ''
                }; approvals: ${chaincode.steps
                  .flatMap((step) => (step.kind === 'approve' ? [step.mspId] : []))
                  .join(', ')}; commit: ${chaincode.commitRequirement}`
              : ''}
          </li>
        ))}
      </ul>
      {plan.quorum.length > 0 ? (
        <>
          <h3>Quorum</h3>
          <ul>
            {plan.quorum.map((network) => (
              <li key={network.network}>
                {network.network}: {network.action}
                {network.votes
                  ? ` — ${network.votes.steps
                      .map((step) => `${step.action} ${step.name ?? step.address} (${step.owner ?? '?'})`)
                      .join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Kubernetes</h3>
      <ul>
        {plan.kubernetes.map((org) => (
          <li key={org.organization}>
            {org.organization}: {org.create.length} to create, {org.change.length} to change, {org.prune.length} to
            prune, {org.unchanged} unchanged
          </li>
        ))}
      </ul>
    </div>
  );
}

function summaryLine(plan: Plan): string {
  const s = plan.summary;
  if (s.blocked) return 'blocked by safety guards';
  if (!s.hasChanges) return 'nothing to change';
  return [
    s.channelsCreated ? `${s.channelsCreated} channel(s) to create` : '',
    s.channelsUpdated ? `${s.channelsUpdated} channel(s) to update` : '',
    s.chaincodeChanges ? `${s.chaincodeChanges} chaincode change(s)` : '',
    s.validatorVotes ? `${s.validatorVotes} validator vote(s)` : '',
    s.kubernetesChanges ? `${s.kubernetesChanges} Kubernetes change(s)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
