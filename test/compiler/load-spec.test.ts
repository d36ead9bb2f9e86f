import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadedSpec, loadSpec } from '../../src/compiler/load-spec.js';
import { repoRoot } from '../helpers/run-cli.js';

/** A copy of the quickstart example with its spec text changed. */
function quickstart(change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-load-'));
  cpSync(join(repoRoot, 'networks/quickstart'), dir, { recursive: true });
  const file = join(dir, 'network.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  return file;
}

function loadWatching(file: string) {
  const early: LoadedSpec[] = [];
  const result = loadSpec(file, { onModel: (loaded) => early.push(loaded) });
  return { result, early };
}

describe('loadSpec onModel', () => {
  it('hands over the model before the rules run: the very model the load returns', () => {
    const { result, early } = loadWatching(quickstart((text) => text));
    expect(result.diagnostics).toEqual([]);
    expect(early).toHaveLength(1);
    expect(early[0]!.model).toBe(result.value!.model);
  });

  it('hands over a model that a rule then refuses: the load fails all the same', () => {
    const { result, early } = loadWatching(
      quickstart((text) => text.replace('members: [alpha, beta, gamma]', 'members: [alpha, beta, delta]')),
    );
    expect(early).toHaveLength(1);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('NS_UNKNOWN_ORG');
  });

  it('hands over nothing for a spec without the schema shape', () => {
    const { result, early } = loadWatching(
      quickstart((text) => text.replace('members: [alpha, beta, gamma]', 'members: 7')),
    );
    expect(early).toEqual([]);
    expect(result.value).toBeUndefined();
  });
});
