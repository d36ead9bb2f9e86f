// `netspec validate` on specs with private keys pasted into them (a PKCS#8 and a SEC1 key, generated here): a key
// in a free-text field is refused at its position, a key where the schema expects something else is named as "a
// private key" rather than quoted, and no run of the keys' base64 reaches stdout or stderr, as text or JSON.
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const pkcs8 = key.export({ format: 'pem', type: 'pkcs8' }).toString();
const sec1 = key.export({ format: 'pem', type: 'sec1' }).toString();
const bodyOf = (pem: string) =>
  pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');

/** Every 6-character window of a key's base64 body: none may appear in the output. */
function expectNoKeyBytes(output: string, pems: string[]): void {
  for (const pem of pems) {
    const body = bodyOf(pem);
    for (let start = 0; start + 6 <= body.length; start++) {
      const window = body.slice(start, start + 6);
      if (output.includes(window)) throw new Error(`the output holds '${window}' of a private key: ${output}`);
    }
  }
  expect(output).not.toMatch(/PRIVATE KEY/);
}

const block = (pem: string) =>
  `|\n${pem
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}`;

describe('netspec validate never echoes a private key', () => {
  const folder = mkdtempSync(join(tmpdir(), 'netspec-key-in-spec-'));
  cpSync(join(repoRoot, 'networks/quickstart'), folder, { recursive: true });
  const spec = readFileSync(join(folder, 'network.yaml'), 'utf8');
  const write = (name: string, text: string) => {
    if (text === spec) throw new Error('the quickstart example changed: the edit did not apply');
    writeFileSync(join(folder, name), text);
    return name;
  };

  it('refuses keys pasted into displayName at their position, without quoting them', async () => {
    const file = write(
      'display-name.yaml',
      spec
        .replace('displayName: Alpha Trading', `displayName: ${block(pkcs8)}`)
        .replace('displayName: Beta Logistics', `displayName: ${block(sec1)}`),
    );
    const text = await runCliInProcess(['validate', file], { cwd: folder });
    expect(text.code).toBe(1);
    expect(text.stdout + text.stderr).toContain(
      `${file}:15:18 error NS_PRIVATE_KEY_IN_SPEC organizations.alpha.displayName holds a private key`,
    );
    expect(text.stdout + text.stderr).toMatch(/:\d+:18 error NS_PRIVATE_KEY_IN_SPEC organizations\.beta\.displayName/);
    expectNoKeyBytes(text.stdout + text.stderr, [pkcs8, sec1]);
    const json = await runCliInProcess(['validate', file, '--format', 'json'], { cwd: folder });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'NS_PRIVATE_KEY_IN_SPEC',
      'NS_PRIVATE_KEY_IN_SPEC',
    ]);
    expectNoKeyBytes(json.stdout + json.stderr, [pkcs8, sec1]);
  });

  it('names a key where the schema expects an MSP id, PEM or bare base64, without quoting it', async () => {
    for (const [name, value] of [
      ['msp-pem.yaml', block(sec1)],
      ['msp-base64.yaml', bodyOf(sec1)],
      ['msp-pkcs8.yaml', bodyOf(pkcs8)],
    ] as const) {
      const file = write(name, spec.replace('mspId: AlphaMSP', `mspId: ${value}`));
      for (const format of ['text', 'json']) {
        const result = await runCliInProcess(['validate', file, '--format', format], { cwd: folder });
        expect(result.code).toBe(1);
        expect(result.stdout + result.stderr).toContain('a private key (not shown)');
        expectNoKeyBytes(result.stdout + result.stderr, [pkcs8, sec1]);
      }
    }
  });

  it('leaves an ordinary spec alone', async () => {
    const result = await runCliInProcess(['validate', 'network.yaml'], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
