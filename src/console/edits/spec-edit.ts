// The few edits the console proposes, applied to network.yaml's text where the YAML document says the values stand
// (text-splice): every other byte, comment and quote stays as written. An edit is data from the browser: every name in it must already
// name a channel, organization or chaincode of the spec, and the edited spec is validated and planned afresh
// before anything is committed.
import type { NetworkModel } from '../../compiler/model/index.js';
import { yamlPackage } from '../../yaml-package.js';
import type { SpecEdit } from '../console-documents.js';
import { addMapping, appendItem, applySplices, type Splice, setValue } from './text-splice.js';

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
    if (!required.includes(key) && !optional.includes(key))
      return { error: `an edit of kind ${kind} has no field ${key}` };
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
      return { error: `${key} must be a short non-empty text` };
  }
  for (const key of required) if (record[key] === undefined) return { error: `an edit of kind ${kind} needs ${key}` };
  if (kind === 'batch' && !optional.some((key) => record[key] !== undefined))
    return { error: 'a batch edit changes at least one batch setting' };
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
  ) as SpecEdit;
}

export function applyEdit(text: string, model: NetworkModel, edit: SpecEdit): EditedSpec | { error: string } {
  const document = yamlPackage().parseDocument(text, { keepSourceTokens: true });
  if (document.errors.length > 0) return { error: `network.yaml does not parse: ${document.errors[0]!.message}` };
  const channel = model.channels.find((candidate) => candidate.name === edit.channel);
  if (!channel) return { error: `the spec has no channel ${edit.channel}` };
  const network = model.name;
  const splices: Splice[] = [];
  /** What the edited text must read back as: path -> value. */
  const expected: [(string | number)[], unknown][] = [];
  const add = (splice: Splice | { error: string }): string | undefined => {
    if ('error' in splice) return splice.error;
    splices.push(splice);
    return undefined;
  };
  let subject: string;
  let slug: string;

  if (edit.kind === 'add-member') {
    if (!model.organizations.some((org) => org.name === edit.organization))
      return { error: `the spec has no organization ${edit.organization}` };
    if (channel.members.includes(edit.organization))
      return { error: `${edit.organization} is already a member of ${edit.channel}` };
    const failed = add(appendItem(document, text, ['channels', edit.channel, 'members'], edit.organization));
    if (failed) return { error: failed };
    expected.push([
      ['channels', edit.channel, 'members'],
      [...channel.members, edit.organization],
    ]);
    subject = `${network}: add ${edit.organization} to channel ${edit.channel}`;
    slug = `add-${edit.organization}-to-${edit.channel}`;
  } else if (edit.kind === 'batch') {
    const orderer = ['channels', edit.channel, 'orderer'];
    if (!yamlPackage().isMap(document.getIn(orderer, true)))
      return { error: `${orderer.join('.')} is not a mapping in network.yaml` };
    const changed: string[] = [];
    if (edit.batchTimeout !== undefined) {
      const failed = add(setValue(document, text, [...orderer, 'batchTimeout'], edit.batchTimeout));
      if (failed) return { error: failed };
      expected.push([[...orderer, 'batchTimeout'], edit.batchTimeout]);
      changed.push(`batch timeout ${edit.batchTimeout}`);
    }
    const sizes: [string, string | number][] = [];
    for (const key of ['maxMessageCount', 'absoluteMaxBytes', 'preferredMaxBytes'] as const) {
      const value = edit[key];
      if (value === undefined) continue;
      // A count is a number; sizes may be numbers of bytes or texts such as "10 MB", which the schema checks.
      sizes.push([key, /^\d+$/.test(value) ? Number(value) : value]);
      changed.push(`${key} ${value}`);
    }
    if (sizes.length > 0) {
      if (document.hasIn([...orderer, 'batchSize'])) {
        for (const [key, value] of sizes) {
          const failed = add(setValue(document, text, [...orderer, 'batchSize', key], value));
          if (failed) return { error: failed };
        }
      } else {
        const failed = add(addMapping(document, text, orderer, 'batchSize', sizes));
        if (failed) return { error: failed };
      }
      for (const [key, value] of sizes) expected.push([[...orderer, 'batchSize', key], value]);
    }
    subject = `${network}: ${changed.join(', ')} on channel ${edit.channel}`;
    slug = `batch-${edit.channel}`;
  } else {
    const index = model.chaincodes.findIndex(
      (chaincode) => chaincode.name === edit.chaincode && chaincode.channel === edit.channel,
    );
    const chaincode = model.chaincodes[index];
    if (!chaincode) return { error: `the spec has no chaincode ${edit.chaincode} on channel ${edit.channel}` };
    if (edit.version === chaincode.version) return { error: `${edit.chaincode} is at version ${edit.version} already` };
    if (document.getIn(['chaincodes', index, 'name']) !== chaincode.name)
      return { error: `chaincodes[${index}] of network.yaml is not ${chaincode.name}` };
    const sequence = chaincode.sequence + 1;
    for (const [key, value] of [
      ['version', edit.version],
      ['sequence', sequence],
    ] as const) {
      const failed = add(setValue(document, text, ['chaincodes', index, key], value));
      if (failed) return { error: failed };
      expected.push([['chaincodes', index, key], value]);
    }
    // The server image tagged with the old version moves to the new one: the definition and the code go together.
    const image = document.getIn(['chaincodes', index, 'server', 'image']);
    if (typeof image === 'string' && image.endsWith(`:${chaincode.version}`)) {
      const moved = `${image.slice(0, -chaincode.version.length)}${edit.version}`;
      const failed = add(setValue(document, text, ['chaincodes', index, 'server', 'image'], moved));
      if (failed) return { error: failed };
      expected.push([['chaincodes', index, 'server', 'image'], moved]);
    }
    subject = `${network}: chaincode ${chaincode.name} on ${edit.channel} to version ${edit.version}, sequence ${sequence}`;
    slug = `${chaincode.name}-${edit.version}`;
  }

  const edited = applySplices(text, splices);
  // The splices were placed by hand: the edited text must read back as exactly the values meant.
  const check = yamlPackage().parseDocument(edited);
  for (const [path, value] of expected) {
    const actual = check.getIn(path);
    const plain =
      actual !== null && typeof actual === 'object' && 'toJSON' in actual
        ? (actual as { toJSON(): unknown }).toJSON()
        : actual;
    if (JSON.stringify(plain) !== JSON.stringify(value))
      return {
        error: `network.yaml is laid out in a way the console cannot edit at ${path.join('.')}: edit it by hand`,
      };
  }
  return { text: edited, subject, slug };
}
