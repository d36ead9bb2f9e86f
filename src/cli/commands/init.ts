// `netspec init --quick|--standard <dir>`: a starter network.yaml from templates/init/, with the editor schema
// line pointing at netspec's JSON Schema. Writes into an empty or new folder only: it never overwrites a network.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { packageRoot } from '../../package-root.js';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { checkOutputFolder, UserError, writeFileAtomic } from '../output.js';

export type InitMode = 'quick' | 'standard';

export interface InitCommandOptions {
  quick?: boolean;
  standard?: boolean;
}

const PACKAGE_ROOT = packageRoot();
const SCHEMA_FILE = join(PACKAGE_ROOT, 'schema', 'network.schema.json');
const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

export function register(program: Command): void {
  program
    .command('init')
    .description('write a starter network.yaml into a new or empty folder')
    .argument('<dir>', 'the folder for the new network')
    .addOption(new Option('--quick', 'the operator is also a participant (fewest organizations)').conflicts('standard'))
    .addOption(new Option('--standard', 'a dedicated operator organization with 3 orderers, participants with peers'))
    .action(action((dir: string, options: InitCommandOptions) => runInit(dir, modeOf(options))));
}

function modeOf(options: InitCommandOptions): InitMode {
  if (options.quick) return 'quick';
  if (options.standard) return 'standard';
  throw new UserError('init needs --quick or --standard');
}

export function templateFile(mode: InitMode): string {
  return join(PACKAGE_ROOT, 'templates', 'init', `${mode}.yaml`);
}

export function runInit(dir: string, mode: InitMode): number {
  const target = resolve(dir);
  checkOutputFolder(dir, 'the folder');
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UserError(`${dir} exists and is not a folder`);
    if (readdirSync(target).length > 0) {
      throw new UserError(`${dir} is not empty; netspec init only writes a new network into an empty or new folder`);
    }
  }
  const text = renderTemplate(readFileSync(templateFile(mode), 'utf8'), target);
  mkdirSync(target, { recursive: true });
  const file = join(dir, 'network.yaml');
  writeFileAtomic(file, text);
  process.stdout.write(
    [
      `wrote ${file} (${mode} mode)`,
      'next:',
      `  netspec crypto ${file}     # DEMO-ONLY certificates and keys under ${join(dir, 'crypto')}`,
      `  netspec validate ${file}`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}

/** The template with its schema line pointing at netspec's schema from `target`, and the network named after it. */
export function renderTemplate(template: string, target: string): string {
  const body = template.replace(SCHEMA_LINE, '');
  const name = networkNameOf(target);
  const named = name ? body.replace(/^name: .*$/m, `name: ${name}`) : body;
  return `# yaml-language-server: $schema=${schemaReference(target)}\n${named}`;
}

/**
 * Relative to the new network.yaml, as yaml-language-server resolves it: the file is committed, and an absolute
 * path would name the machine that ran init. With netspec a dependency of the repository
 * (node_modules/netspec/schema/...) or the network inside the netspec checkout, every clone resolves it.
 */
export function schemaReference(target: string): string {
  return relative(target, SCHEMA_FILE).split(sep).join('/');
}

/** The folder's name when it is a valid network name (a DNS-1123 label), else the template's own name stays. */
function networkNameOf(target: string): string | undefined {
  const candidate = basename(target)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return DNS_LABEL.test(candidate) ? candidate : undefined;
}
