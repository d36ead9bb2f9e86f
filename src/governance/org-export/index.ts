// Org export: what a joining organization proposes in its pull request — its network.yaml stanza and MSP
// certificates (like `configtxgen -printOrg`), validated (certificates parse and chain), never a private key.
export { checkMspFolder } from './check-msp-folder.js';
export { exportOrganization, MSP_FOLDER, type OrgExport, type OrgExportInput, STANZA_FILE } from './export-org.js';
export { renderOrgStanza, type StanzaInput } from './org-stanza.js';
export { MSP_CERT_FOLDERS, type MspFolderContents, readMspFolder } from './read-msp-folder.js';
