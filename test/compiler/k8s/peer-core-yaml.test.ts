// The peer's init container runs on Fabric's own core.yaml (copies of sampleconfig/core.yaml at v2.5.16 and
// v3.1.5 in test/fixtures/fabric-sampleconfig): the Docker endpoint must be gone and nothing else changed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coreYamlScript } from '../../../src/compiler/k8s/peer-core-yaml.js';

const fixture = (name: string) => new URL(`../../fixtures/fabric-sampleconfig/${name}`, import.meta.url).pathname;

function run(source: string) {
  const target = join(mkdtempSync(join(tmpdir(), 'netspec-core-yaml-')), 'core.yaml');
  const result = spawnSync('sh', ['-c', coreYamlScript(source, target)], { encoding: 'utf8' });
  return { ...result, target };
}

describe.each(['core-2.5.16.yaml', 'core-3.1.5.yaml'])('the init container on Fabric’s %s', (name) => {
  it('empties vm.endpoint, so the peer registers no Docker health check, and changes nothing else', () => {
    const result = run(fixture(name));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const before = parse(readFileSync(fixture(name), 'utf8'));
    const after = parse(readFileSync(result.target, 'utf8'));
    expect(before.vm.endpoint).toBe('unix:///var/run/docker.sock');
    expect(after.vm.endpoint).toBeNull();
    after.vm.endpoint = before.vm.endpoint;
    expect(after).toEqual(before);
  });

  it('refuses to start the peer when the image names the Docker daemon some other way', () => {
    const moved = join(mkdtempSync(join(tmpdir(), 'netspec-core-yaml-')), 'core.yaml');
    writeFileSync(
      moved,
      readFileSync(fixture(name), 'utf8').replace(
        /^(\s*endpoint:) unix:\/\/\/var\/run\/docker\.sock$/m,
        '$1 unix:///run/docker.sock',
      ),
    );
    const result = run(moved);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('core.yaml still names a Docker endpoint\n');
  });
});
