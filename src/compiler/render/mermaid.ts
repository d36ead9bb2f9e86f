// The consortium as a mermaid flowchart: organizations (with their peers and orderers), the channels they are
// members of or order, chaincodes on their channels, Quorum networks and the validators each org runs.
// Given a plan, what it adds is green, what it removes red and dashed, what it changes amber. Serves the PR
// comment and `netspec graph --format mermaid`; output is deterministic (model order, then plan order).
import type { NetworkModel, OrganizationModel } from '../model/network-model.js';
import type { ChannelPlan, Plan } from '../plan/plan.js';
import { identitiesOf } from '../quorum/index.js';

type Mark = 'added' | 'removed' | 'changed';

const CLASS_DEFS: Readonly<Record<Mark, string>> = {
  added: 'fill:#dafbe1,stroke:#1a7f37,color:#0f5323,stroke-width:2px',
  removed: 'fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-width:2px,stroke-dasharray:5 5',
  changed: 'fill:#fff8c5,stroke:#9a6700,color:#4d2d00,stroke-width:2px',
};
const LINK_STYLES: Readonly<Record<Mark, string>> = {
  added: 'stroke:#1a7f37,stroke-width:2px',
  removed: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5',
  changed: 'stroke:#9a6700,stroke-width:2px',
};

export function renderMermaid(model: NetworkModel, plan?: Plan): string {
  const graph = new GraphBuilder();
  const orgByMsp = new Map(model.organizations.map((org) => [org.mspId, org]));
  const orgByName = new Map(model.organizations.map((org) => [org.name, org]));
  const channelPlans = new Map((plan?.channels ?? []).map((c) => [c.channel, c]));

  for (const org of model.organizations) graph.node(orgId(org.name), `(["${label(orgLines(org))}"])`);

  // Channels, and each org's link to them; membership changes come from the update's group writes.
  // An org is new when every link it has (channels, validators) is one the plan adds.
  const linkedBefore = new Set<string>();
  const linkedNow = new Set<string>();
  const noteLink = (orgName: string, isNew: boolean) => (isNew ? linkedNow : linkedBefore).add(orgName);
  for (const channel of model.channels) {
    const channelPlan = channelPlans.get(channel.name);
    const id = `Chan_${channel.name}`;
    graph.node(id, `{{"${label([`channel ${channel.name}`])}"}}`, channelMark(channelPlan));
    const added = new Set([
      ...groupWrites(channelPlan, 'Application', 'add'),
      ...groupWrites(channelPlan, 'Orderer', 'add'),
    ]);
    const link = (orgName: string, kind: 'member' | 'orderer') => {
      const mspId = orgByName.get(orgName)?.mspId ?? orgName;
      const isNew = channelPlan?.action === 'create' || added.has(mspId);
      noteLink(orgName, isNew);
      const arrow = kind === 'member' ? '---' : '-. orders .-';
      graph.edge(orgId(orgName), arrow, id, isNew ? 'added' : undefined);
    };
    for (const member of channel.members) link(member, 'member');
    for (const orderer of channel.orderer.organizations) link(orderer, 'orderer');
    // Organizations the update takes out of the channel: drawn even when the spec no longer names them.
    for (const section of ['Application', 'Orderer'] as const) {
      for (const mspId of groupWrites(channelPlan, section, 'remove')) {
        const org = orgByMsp.get(mspId);
        const from = org ? orgId(org.name) : `Gone_${mspId}`;
        if (!org) graph.node(from, `(["${label([mspId, 'leaves the consortium'])}"])`, 'removed');
        graph.edge(from, section === 'Application' ? '-.-' : '-. orders .-', id, 'removed');
      }
    }
  }

  const chaincodePlans = new Map((plan?.chaincodes ?? []).map((c) => [`${c.channel}/${c.name}`, c]));
  for (const chaincode of model.chaincodes) {
    const chaincodePlan = chaincodePlans.get(`${chaincode.channel}/${chaincode.name}`);
    const version =
      chaincodePlan?.action === 'upgrade' && chaincodePlan.live
        ? `${chaincodePlan.live.version} → ${chaincode.version}`
        : chaincode.version;
    const mark =
      chaincodePlan?.action === 'define' ? 'added' : chaincodePlan?.action === 'upgrade' ? 'changed' : undefined;
    const id = `Cc_${chaincode.channel}__${chaincode.name}`;
    graph.node(id, `[/"${label([chaincode.name, `v${version} · seq ${chaincode.sequence}`])}"/]`, mark);
    graph.edge(`Chan_${chaincode.channel}`, '-->', id, mark === 'added' ? 'added' : undefined);
  }

  const quorumPlans = new Map((plan?.quorum ?? []).map((q) => [q.network, q]));
  for (const network of model.quorum) {
    const quorumPlan = quorumPlans.get(network.name);
    const networkId = `Quorum_${network.name}`;
    const networkMark =
      quorumPlan?.action === 'create'
        ? 'added'
        : quorumPlan?.action === 'vote' || quorumPlan?.action === 'update'
          ? 'changed'
          : undefined;
    graph.node(
      networkId,
      `[("${label([`Quorum ${network.name}`, `${network.client} · ${network.consensus}`])}")]`,
      networkMark,
    );
    const steps = quorumPlan?.votes?.steps ?? [];
    const identities = identitiesOf(network.validators);
    for (const validator of identities) {
      const voted = steps.some((s) => s.action === 'add' && s.address === validator.address);
      const mark = quorumPlan?.action === 'create' || voted ? 'added' : undefined;
      const id = `Val_${network.name}__${validator.name}`;
      graph.node(id, `(("${label([validator.name])}"))`, mark);
      noteLink(validator.organization, mark === 'added');
      graph.edge(orgId(validator.organization), '---', id, mark);
      graph.edge(id, '---', networkId, mark);
    }
    for (const step of steps) {
      if (step.action !== 'remove') continue;
      const id = `Val_${network.name}__${step.name ?? step.address}`;
      graph.node(id, `(("${label([step.name ?? `${step.address.slice(0, 10)}…`, 'removed'])}"))`, 'removed');
      if (step.owner && orgByName.has(step.owner)) graph.edge(orgId(step.owner), '-.-', id, 'removed');
      graph.edge(id, '-.-', networkId, 'removed');
    }
  }
  if (plan) for (const name of linkedNow) if (!linkedBefore.has(name)) graph.mark(orgId(name), 'added');
  return graph.render();
}

function orgId(name: string): string {
  return `Org_${name}`;
}

function orgLines(org: OrganizationModel): string[] {
  const lines = [org.mspId];
  if (org.displayName && org.displayName !== org.mspId) lines.push(org.displayName);
  if (org.peers.length > 0) lines.push(`peers: ${org.peers.map((p) => p.name).join(', ')}`);
  if (org.orderers.length > 0) lines.push(`orderers: ${org.orderers.map((o) => o.name).join(', ')}`);
  return lines;
}

function channelMark(plan: ChannelPlan | undefined): Mark | undefined {
  if (plan?.action === 'create') return 'added';
  if (plan?.action === 'update') return 'changed';
  return undefined;
}

/** MSP ids of organization groups the update adds to or removes from `/Channel/<section>`. */
function groupWrites(
  plan: ChannelPlan | undefined,
  section: 'Application' | 'Orderer',
  change: 'add' | 'remove',
): string[] {
  const prefix = `/Channel/${section}/`;
  return (plan?.delta ?? [])
    .filter(
      (w) =>
        w.kind === 'group' &&
        w.change === change &&
        w.path.startsWith(prefix) &&
        !w.path.slice(prefix.length).includes('/'),
    )
    .map((w) => w.path.slice(prefix.length));
}

/**
 * Mermaid text inside a quoted label: quotes and characters mermaid or HTML would read are entity codes, so a
 * name cannot end the label, open a tag, or close the surrounding markdown fence.
 */
export function label(lines: readonly string[]): string {
  const entity: Readonly<Record<string, string>> = {
    '"': '#quot;',
    '#': '#35;',
    '<': '#lt;',
    '>': '#gt;',
    '&': '#amp;',
    '`': '#96;',
  };
  return lines.map((line) => line.replace(/["#<>&`]/g, (char) => entity[char]!)).join('<br/>');
}

/**
 * Collects nodes and edges, gives every logical id a mermaid-safe one (letters, digits, `_`; names may hold `-`
 * and `.`, and two names may sanitise alike, so clashes get a numeric suffix), and prints the flowchart.
 */
class GraphBuilder {
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly nodes: string[] = [];
  private readonly declared = new Set<string>();
  private readonly edges: { line: string; mark?: Mark }[] = [];
  private readonly marks = new Map<string, Mark>();

  private safe(key: string): string {
    let id = this.ids.get(key);
    if (id) return id;
    const base = key.replace(/[^A-Za-z0-9_]/g, '_');
    id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.ids.set(key, id);
    this.taken.add(id);
    return id;
  }

  node(key: string, shape: string, mark?: Mark): void {
    if (this.declared.has(key)) {
      if (mark) this.mark(key, mark);
      return;
    }
    this.declared.add(key);
    this.nodes.push(`  ${this.safe(key)}${shape}`);
    if (mark) this.marks.set(key, mark);
  }

  mark(key: string, mark: Mark): void {
    this.marks.set(key, mark);
  }

  edge(from: string, arrow: string, to: string, mark?: Mark): void {
    this.edges.push({ line: `  ${this.safe(from)} ${arrow} ${this.safe(to)}`, ...(mark ? { mark } : {}) });
  }

  render(): string {
    const lines = ['flowchart LR', ...this.nodes, ...this.edges.map((e) => e.line)];
    const used = new Set<Mark>([...this.marks.values(), ...this.edges.flatMap((e) => (e.mark ? [e.mark] : []))]);
    for (const mark of ['added', 'removed', 'changed'] as const) {
      if (!used.has(mark)) continue;
      lines.push(`  classDef ${mark} ${CLASS_DEFS[mark]}`);
      const members = [...this.marks].filter(([, m]) => m === mark).map(([key]) => this.safe(key));
      if (members.length > 0) lines.push(`  class ${members.join(',')} ${mark}`);
      const links = this.edges.flatMap((e, index) => (e.mark === mark ? [index] : []));
      if (links.length > 0) lines.push(`  linkStyle ${links.join(',')} ${LINK_STYLES[mark]}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
