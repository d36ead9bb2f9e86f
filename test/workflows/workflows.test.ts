import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/main.js';
import { repoRoot } from '../helpers/run-cli.js';

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((name) => name.endsWith('.yml'));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

interface Step {
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, { steps: Step[]; env?: Record<string, string> }>;
}

function load(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(dir, name), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

/** `netspec <command> [<subcommand>]` and the `--flags` of each call, as the workflows call it (through npx). */
function netspecCalls(script: string): { command: string; sub: string; flags: string[] }[] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  return [...joined.matchAll(/npx netspec ([a-z-]+)(?: ([a-z-]+))?([^\n|;&]*)/g)].map((m) => ({
    command: m[1]!,
    sub: m[2] ?? '',
    flags: [...(m[3] ?? '').matchAll(/(?:^|\s)(--[a-z0-9-]+)/g)].map((f) => f[1]!),
  }));
}

describe('GitHub workflows', () => {
  it('ships the four workflows of the GitOps loop', () => {
    expect(files.sort()).toEqual(['apply.yml', 'drift.yml', 'plan.yml', 'signatures.yml']);
  });

  it.each(files)('%s parses and every job has steps', (name) => {
    const { workflow } = load(name);
    expect(workflow.name).toMatch(/^netspec /);
    expect(workflow.on).toBeTruthy();
    for (const job of Object.values(workflow.jobs)) expect(Array.isArray(job.steps)).toBe(true);
  });

  it.each(files)('%s calls only netspec commands that exist', async (name) => {
    const program = await buildProgram();
    const commands = new Map(program.commands.map((command) => [command.name(), command]));
    const { workflow } = load(name);
    const calls = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((step) => netspecCalls(step.run ?? '')),
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const { command, sub, flags } of calls) {
      const found = commands.get(command);
      expect(found, `netspec ${command}`).toBeDefined();
      let target = found!;
      if (found && found.commands.length > 0) {
        expect(
          found.commands.map((c) => c.name()),
          `netspec ${command} ${sub}`,
        ).toContain(sub);
        target = found.commands.find((c) => c.name() === sub)!;
      }
      const known = target.options.map((option) => option.long);
      for (const flag of flags) expect(known, `netspec ${command} ${sub} ${flag}`).toContain(flag);
    }
  });

  it.each(files)('%s references only secrets the README documents', (name) => {
    const { text } = load(name);
    const secrets = [...text.matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1]!);
    const section = readme.slice(readme.indexOf('## CI secrets'));
    expect(section.length).toBeGreaterThan(20);
    for (const secret of new Set(secrets)) expect(section, secret).toContain(`\`${secret}\``);
  });

  it('serialises applies per network and keeps each organization in its own environment', () => {
    const { workflow } = load('apply.yml');
    const jobs = workflow.jobs as Record<string, { concurrency?: { group: string }; environment?: string }>;
    expect(jobs.fabric!.concurrency!.group).toContain('matrix.network');
    expect(jobs.fabric!.environment).toBe('operator');
    expect(jobs.organizations!.environment).toBe(['${{', 'matrix.organization', '}}'].join(' '));
  });
});
