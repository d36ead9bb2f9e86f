import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderTemplate, schemaReference } from '../../src/cli/commands/init.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

interface Org {
  roles: string[];
  peers?: unknown[];
  orderers?: unknown[];
}

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-cli-init-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('netspec init', () => {
  it.each([
    ['--quick', 'quick'],
    ['--standard', 'standard'],
  ])('%s writes a network that validates once netspec crypto has run', async (flag, mode) => {
    const target = join(scratch(), 'acme-net');
    const result = await runCliInProcess(['init', flag, target]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(target, 'network.yaml');
    const text = readFileSync(file, 'utf8');
    // Relative to the new file, wherever it is: a committed file must not name the machine that ran init.
    const reference = text.split('\n')[0]!.replace('# yaml-language-server: $schema=', '');
    expect(isAbsolute(reference)).toBe(false);
    expect(resolve(target, reference)).toBe(join(repoRoot, 'schema/network.schema.json'));
    const spec = parse(text);
    expect(spec.name).toBe('acme-net');
    expect(spec.mode).toBe(mode);

    expect((await runCliInProcess(['validate', file])).code).toBe(1);
    expect((await runCliInProcess(['crypto', file])).code).toBe(0);
    const validated = await runCliInProcess(['validate', file]);
    expect(validated.stdout).toContain(`${file}: valid (`);
    expect(validated.stdout).not.toContain('warning');
    expect(validated.code).toBe(0);
  });

  it('makes the quick operator a participant and gives standard a dedicated operator with 3 orderers', async () => {
    const orgsOf = (mode: string) =>
      Object.values(parse(readFileSync(join(repoRoot, `templates/init/${mode}.yaml`), 'utf8')).organizations) as Org[];
    const quickOperators = orgsOf('quick').filter((org) => org.roles.includes('operator'));
    expect(quickOperators).toHaveLength(1);
    expect(quickOperators[0]!.roles).toEqual(['operator', 'participant']);

    const orgs = orgsOf('standard');
    const operator = orgs.filter((org) => org.roles.includes('operator'));
    expect(operator).toHaveLength(1);
    expect(operator[0]!.roles).toEqual(['operator']);
    expect(operator[0]!.orderers).toHaveLength(3);
    expect(operator[0]!.peers).toBeUndefined();
    const participants = orgs.filter((org) => org.roles.includes('participant'));
    expect(participants.length).toBeGreaterThanOrEqual(2);
    for (const participant of participants) expect(participant.peers?.length).toBeGreaterThan(0);
  });

  it('refuses a folder that is not empty and leaves it alone', async () => {
    const target = scratch();
    writeFileSync(join(target, 'notes.txt'), 'mine');
    const result = await runCliInProcess(['init', '--quick', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `netspec: ${target} is not empty; netspec init only writes a new network into an empty or new folder\n`,
    );
    expect(existsSync(join(target, 'network.yaml'))).toBe(false);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('accepts an existing empty folder', async () => {
    const target = join(scratch(), 'empty');
    mkdirSync(target);
    expect((await runCliInProcess(['init', '--standard', target])).code).toBe(0);
    expect(existsSync(join(target, 'network.yaml'))).toBe(true);
  });

  it('needs exactly one of --quick and --standard', async () => {
    const none = await runCliInProcess(['init', join(scratch(), 'x')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('netspec: init needs --quick or --standard\n');
    const both = await runCliInProcess(['init', '--quick', '--standard', join(scratch(), 'y')]);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("option '--quick' cannot be used with option '--standard'");
  });

  it('points at the schema by a relative path inside the checkout', async () => {
    expect(schemaReference(join(repoRoot, 'networks/new-net'))).toBe('../../schema/network.schema.json');
    const rendered = renderTemplate(
      '# yaml-language-server: $schema=old\nname: my-network\n',
      join(repoRoot, 'networks/New Net!'),
    );
    expect(rendered).toBe('# yaml-language-server: $schema=../../schema/network.schema.json\nname: new-net\n');
  });

  it('keeps the template name when the folder name is no DNS label', async () => {
    const rendered = renderTemplate('name: my-network\n', '/tmp/___');
    expect(rendered).toBe(
      `# yaml-language-server: $schema=${relative('/tmp/___', join(repoRoot, 'schema/network.schema.json'))}\nname: my-network\n`,
    );
  });
});
