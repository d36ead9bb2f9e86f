// The plan bundle, owned here and nowhere else: its layout, composing its files (plan.json lists and hashes each),
// reading it whole into an immutable value, checking it against plan.json, and choosing the spec and state it is
// judged against (never ones the bundle names itself). Writing it atomically is write-bundle.ts.
export { BUNDLE_MARKDOWN_FILE, BUNDLE_PLAN_FILE, SIGNATURES_DIRECTORY, signatureFilePath } from './bundle-layout.js';
export { composeBundle } from './compose-bundle.js';
export { type NetworkFileChoice, type NetworkFiles, networkFilesOf } from './network-files.js';
export { type Bundle, type BundleSignatureFile, type ReadBundleResult, readBundle } from './read-bundle.js';
export { type StagedBundle, stageBundle, writeBundle } from './write-bundle.js';
