// The signature files of one channel of one bundle, as committed at one commit, judged by netspec's governance
// engine (verifyUpdate: the same checks `netspec verify` and the orderer make) against the channel config of
// their time. What a file says about itself (signer, MSP, update hash) is never shown as fact: the signer is the
// subject of the certificate inside the signature header, and only once the signature over the committed
// update.pb verified and the identity is a valid admin under the channel's MSP.
//
// "The config of their time" is the network's own state folder (`<network>/state/fabric/<channel>.block`) at the
// change's first parent: the main line before the change. A pull request cannot choose it (plan.json's stateDir
// is a record only), and a state folder the change itself edits does not count for its own signatures.
import type { ConfigJson } from '../../compiler/fabric/index.js';
import {
  channelMsps,
  deserializeIdentity,
  readConfigBlock,
  readCreator,
  type SignatureInput,
  signatureInputOf,
  type UpdateVerdict,
  verifyUpdate,
} from '../../governance/index.js';
import type { RepositoryReader } from './repository-reader.js';

export interface FileVerdict {
  valid: boolean;
  /** The certificate subject of a valid signature. */
  signer?: string;
  /** Why the file does not count as a signature. */
  reason?: string;
}

export interface SignaturesAt {
  /** Repository path of each signature file of the channel -> its verdict. */
  files: Map<string, FileVerdict>;
  /** The whole update judged (policies, staleness), when the update and the config could be read. */
  update?: UpdateVerdict;
  /** Why nothing could be judged (no update.pb, no channel config). */
  problem?: string;
}

export interface JudgeInput {
  reader: RepositoryReader;
  /** The network folder, repository-relative. */
  folder: string;
  /** Where the signature files and the update are read. */
  commit: string;
  /** Where the channel config is read: the first parent of the change that brought the files. */
  configCommit: string;
  /** The bundle folder, repository-relative. */
  bundleDir: string;
  channel: string;
  /** The time the signatures are judged at (certificate validity): the commit's date. */
  now: Date;
}

export function judgeSignaturesAt(input: JudgeInput): SignaturesAt {
  const { reader, folder, commit, bundleDir, channel } = input;
  const files = new Map<string, FileVerdict>();
  const prefix = `${bundleDir}/signatures/${channel}/`;
  const paths = [...reader.filesAt(commit, folder).keys()]
    .filter((path) => path.startsWith(prefix) && /^[^/]+\.json$/.test(path.slice(prefix.length)))
    .sort();
  const fail = (problem: string): SignaturesAt => {
    for (const path of paths) files.set(path, { valid: false, reason: problem });
    return { files, problem };
  };

  const updatePath = `${bundleDir}/fabric/${channel}/update.pb`;
  const update = reader.fileAt(commit, folder, updatePath);
  if (!update) return fail(`there is no ${updatePath} at ${commit.slice(0, 12)} for it to sign`);
  const config = channelConfigAt(reader, folder, input.configCommit, channel);
  if ('error' in config) return fail(config.error);

  const inputs: SignatureInput[] = [];
  for (const path of paths) {
    // As verify reads a bundle: a file that does not parse, or is not named after its signer's MSP, never counts.
    const read = signatureInputOf(
      path,
      path.slice(prefix.length, -'.json'.length),
      reader.fileAt(commit, folder, path)!,
    );
    if ('verdict' in read) files.set(path, { valid: false, reason: read.verdict.reason ?? 'not a signature file' });
    else inputs.push(read.input);
  }
  const verdict = verifyUpdate({
    channel,
    config: config.config,
    configUpdate: new Uint8Array(update),
    signatures: inputs,
    now: input.now,
  });
  const msps = channelMsps(config.config);
  for (const signature of inputs) {
    const judged = verdict.signatures.find((entry) => entry.source === signature.source);
    if (!judged) {
      files.set(signature.source, {
        valid: false,
        reason: verdict.problems[0]?.message ?? 'the update could not be judged',
      });
    } else if (!judged.valid) {
      files.set(signature.source, { valid: false, reason: judged.reason ?? 'the signature does not count' });
    } else {
      files.set(signature.source, { valid: true, signer: certificateSubject(signature.signatureHeader, msps) });
    }
  }
  return { files, update: verdict };
}

/** The channel's config block in the network's state folder at `commit`, decoded. */
export function channelConfigAt(
  reader: RepositoryReader,
  folder: string,
  commit: string,
  channel: string,
): { config: ConfigJson } | { error: string } {
  const path = `${folder}/state/fabric/${channel}.block`;
  const bytes = reader.fileAt(commit, folder, path);
  if (!bytes)
    return { error: `no channel config to judge it against: ${path} is not committed at ${commit.slice(0, 12)}` };
  const block = readConfigBlock(new Uint8Array(bytes), path);
  if ('error' in block) return { error: `${path} at ${commit.slice(0, 12)} is not a readable config block` };
  return { config: block.live.config };
}

/** The subject of the certificate in a signature header, as `netspec sign` writes it ("O=…, OU=…, CN=…"). */
function certificateSubject(signatureHeader: Uint8Array, msps: ReturnType<typeof channelMsps>): string | undefined {
  const read = readCreator(signatureHeader);
  if ('error' in read) return undefined;
  const identity = deserializeIdentity(read.creator.mspId, read.creator.idBytes, msps);
  return 'error' in identity ? undefined : identity.identity.certificate.subject;
}
