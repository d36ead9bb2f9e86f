// The organization stanza a joining org proposes for network.yaml's `organizations` map: its MSP id, domain and
// role, with `msp.directory` relative to the exported folder (the PR places the folder beside network.yaml and
// adjusts that one path). Deterministic text: the same MSP folder always gives the same stanza.
import { yamlPackage } from '../../yaml-package.js';

export interface StanzaInput {
  name: string;
  mspId: string;
  domain: string;
  /** The exported MSP folder, relative to the stanza file. */
  mspDirectory: string;
}

export function renderOrgStanza(input: StanzaInput): string {
  const stanza = {
    [input.name]: {
      mspId: input.mspId,
      domain: input.domain,
      roles: ['participant'],
      msp: { directory: input.mspDirectory },
      approvers: [],
    },
  };
  return [
    `# Organization stanza for network.yaml's \`organizations\` map, written by \`netspec org export\`.`,
    `# msp.directory is relative to this file: when the folder lands at networks/<network>/crypto/${input.name}/,`,
    `# write \`crypto/${input.name}/${input.mspDirectory}\`. Add peers, approvers (GitHub @user or @org/team) and`,
    '# the channels this organization joins; the plan then shows the add-org update and who must sign it.',
    yamlPackage().stringify(stanza, { indent: 2, flowCollectionPadding: false }).trimEnd(),
    '',
  ].join('\n');
}
