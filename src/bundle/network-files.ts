// The spec and live state a bundle is judged against. Both come from where the caller says or from the network's
// own layout (`networks/<name>/bundle` beside `network.yaml` and `state/`), never from plan.json: a proposal that
// could name its own spec or state could name its own policies, and so its own verdict. plan.json's specFile and
// stateDir are a record for humans.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface NetworkFiles {
  specFile: string;
  stateDir: string;
}

export interface NetworkFileChoice {
  /** --spec: the network.yaml; default the one beside the bundle folder. */
  spec?: string;
  /** --state: the live state folder; default `state/` beside the spec. */
  state?: string;
}

export function networkFilesOf(bundleDir: string, choice: NetworkFileChoice = {}): NetworkFiles | { error: string } {
  let specFile = choice.spec;
  if (specFile === undefined) {
    const beside = join(dirname(resolve(bundleDir)), 'network.yaml');
    if (!existsSync(beside))
      return {
        error: `no network.yaml beside the bundle ${bundleDir} (a bundle lives at networks/<name>/bundle): pass --spec <network.yaml>`,
      };
    specFile = join(dirname(bundleDir), 'network.yaml');
  } else if (!isFile(specFile)) return { error: `--spec ${specFile} is not a file` };

  const stateDir = choice.state ?? join(dirname(specFile), 'state');
  // An explicit state that is not there must not read as an empty network (every channel "to create").
  if (choice.state !== undefined && !isFolder(stateDir)) return { error: `--state ${stateDir} is not a folder` };
  return { specFile, stateDir };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
