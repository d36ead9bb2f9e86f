// Where things live in a plan bundle. plan.json is the root (it lists and hashes every other file the plan
// wrote); signatures/ is the only part added after planning, one file per organization and channel.
export const BUNDLE_PLAN_FILE = 'plan.json';
export const BUNDLE_MARKDOWN_FILE = 'plan.md';
export const SIGNATURES_DIRECTORY = 'signatures';

/** `signatures/<channel>/<mspId>.json`: the file name is the signer's MSP id, which verify holds it to. */
export function signatureFilePath(channel: string, mspId: string): string {
  return `${SIGNATURES_DIRECTORY}/${channel}/${mspId}.json`;
}
