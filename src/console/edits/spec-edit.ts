// The few edits the console proposes, applied to network.yaml's text through the YAML document (comments, order and
// quoting of everything else stay as written). An edit is data from the browser: every name in it must already
// name a channel, organization or chaincode of the spec, and the edited spec is validated and planned afresh
// before anything is committed.
import { isMap, isSeq, parseDocument } from 'yaml';
import type { NetworkModel } from '../../compiler/model/index.js';
import type { SpecEdit } from '../console-documents.js';

export interface EditedSpec {
  text: string;
  /** One sentence, the commit's subject: "supply-chain: add retailer to channel production". */
  subject: string;
  /** For the branch name: "add-retailer-to-production". */
  slug: string;
}

/** The edit as sent, checked for shape: every field a short string, and only the fields its kind has. */
export function parseEdit(body: string): SpecEdit | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { error: 'the edit is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'the edit is not an object' };
  const record = data as Record<string, unknown>;
  const fields: Record<SpecEdit['kind'], { required: string[]; optional: string[] }> = {
    'add-member': { required: ['channel', 'organization'], optional: [] },
    batch: {
      required: ['channel'],
      optional: ['batchTimeout', 'maxMessageCount', 'absoluteMaxBytes', 'preferredMaxBytes'],
    },
    'chaincode-version': { required: ['channel', 'chaincode', 'version'], optional: [] },
  };
  const kind = record.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(fields, kind))
    return { error: `kind must be one of ${Object.keys(fields).join(', ')}` };
  const { required, optional } = fields[kind as SpecEdit['kind']];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'kind') continue;
    if (!required.includes(key) && !optional.includes(key)) return { error: `a ${kind} edit has no field ${key}` };
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
      return { error: `${key} must be a short non-empty text` };
  }
  for (const key of required) if (record[key] === undefined) return { error: `a ${kind} edit needs ${key}` };
  if (kind === 'batch' && !optional.some((key) => record[key] !== undefined))
    return { error: 'a batch edit changes at least one batch setting' };
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  ) as SpecEdit;
}

export function applyEdit(text: string, model: NetworkModel, edit: SpecEdit): EditedSpec | { error: string } {
  const document = parseDocument(text);
  if (document.errors.length > 0) return { error: `network.yaml does not parse: ${document.errors[0]!.message}` };
  const channel = model.channels.find((candidate) => candidate.name === edit.channel);
  if (!channel) return { error: `the spec has no channel ${edit.channel}` };
  const network = model.name;

  if (edit.kind === 'add-member') {
    if (!model.organizations.some((org) => org.name === edit.organization))
      return { error: `the spec has no organization ${edit.organization}` };
    if (channel.members.includes(edit.organization))
      return { error: `${edit.organization} is already a member of ${edit.channel}` };
    const members = document.getIn(['channels', edit.channel, 'members'], true);
    if (!isSeq(members)) return { error: `channels.${edit.channel}.members is not a list in network.yaml` };
    members.add(document.createNode(edit.organization));
    return {
      text: document.toString(),
      subject: `${network}: add ${edit.organization} to channel ${edit.channel}`,
      slug: `add-${edit.organization}-to-${edit.channel}`,
    };
  }

  if (edit.kind === 'batch') {
    const orderer = document.getIn(['channels', edit.channel, 'orderer'], true);
    if (!isMap(orderer)) return { error: `channels.${edit.channel}.orderer is not a mapping in network.yaml` };
    const changed: string[] = [];
    if (edit.batchTimeout !== undefined) {
      document.setIn(['channels', edit.channel, 'orderer', 'batchTimeout'], edit.batchTimeout);
      changed.push(`batch timeout ${edit.batchTimeout}`);
    }
    for (const key of ['maxMessageCount', 'absoluteMaxBytes', 'preferredMaxBytes'] as const) {
      const value = edit[key];
      if (value === undefined) continue;
      // A count is a number; sizes may be numbers of bytes or texts such as "10 MB", which the schema checks.
      const typed = /^\d+$/.test(value) ? Number(value) : value;
      document.setIn(['channels', edit.channel, 'orderer', 'batchSize', key], typed);
      changed.push(`${key} ${value}`);
    }
    return {
      text: document.toString(),
      subject: `${network}: ${changed.join(', ')} on channel ${edit.channel}`,
      slug: `batch-${edit.channel}`,
    };
  }

  const index = model.chaincodes.findIndex(
    (chaincode) => chaincode.name === edit.chaincode && chaincode.channel === edit.channel,
  );
  const chaincode = model.chaincodes[index];
  if (!chaincode) return { error: `the spec has no chaincode ${edit.chaincode} on channel ${edit.channel}` };
  if (edit.version === chaincode.version) return { error: `${edit.chaincode} is at version ${edit.version} already` };
  const item = document.getIn(['chaincodes', index], true);
  if (!isMap(item) || item.get('name') !== chaincode.name)
    return { error: `chaincodes[${index}] of network.yaml is not ${chaincode.name}` };
  item.set('version', edit.version);
  item.set('sequence', chaincode.sequence + 1);
  // The server image tagged with the old version moves to the new one: the definition and the code go together.
  const image = document.getIn(['chaincodes', index, 'server', 'image']);
  if (typeof image === 'string' && image.endsWith(`:${chaincode.version}`))
    document.setIn(
      ['chaincodes', index, 'server', 'image'],
      `${image.slice(0, -chaincode.version.length)}${edit.version}`,
    );
  return {
    text: document.toString(),
    subject: `${network}: chaincode ${chaincode.name} on ${edit.channel} to version ${edit.version}, sequence ${chaincode.sequence + 1}`,
    slug: `${chaincode.name}-${edit.version}`,
  };
}
