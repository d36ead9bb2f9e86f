// `netspec secrets <network.yaml> <org>`: the Secrets (names and keys, never values) an organization creates
// from its own key store before applying its manifests, and the ConfigMaps other steps must have written.
//   --kubectl   the `kubectl create secret` commands, file by file from the org's crypto folder (paths only).
//   --manifest  the Secrets as manifests with their data, for kubeseal or an External Secrets store: to a pipe or
//               `--out <file>` (0600), never to a terminal, and never into the bundle.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { didYouMean, hasErrors } from '../../compiler/diagnostics/index.js';
import { orgDirectory } from '../../crypto/msp-layout.js';
import { SECRET_MODE } from '../../crypto/private-key-files.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import {
  checkInputFolder,
  checkOutputFile,
  renderDiagnostics,
  sourcesOf,
  UserError,
  writeFileAtomic,
} from '../output.js';
import { kubectlCommands, secretObjects, secretSources, variablesOf } from './_secret-files.js';

interface SecretsOptions {
  format: 'text' | 'json';
  kubectl?: boolean;
  manifest?: boolean;
  out?: string;
  crypto?: string;
}

export function register(program: Command): void {
  program
    .command('secrets')
    .description(
      'list the Kubernetes Secrets (names and keys) an organization must create, or the commands to create them',
    )
    .argument('<network.yaml>', 'the network spec')
    .argument('<org>', 'the organization')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--kubectl', 'print the kubectl create secret commands, file by file from the org’s crypto folder')
    .option('--manifest', 'print the Secrets as manifests with their data (pipe it into kubeseal; never a terminal)')
    .option('--out <file>', 'with --manifest: write the manifests to this file (mode 0600) instead')
    .option('--crypto <folder>', 'the org’s crypto folder, laid out as netspec crypto writes it (default crypto/<org>)')
    .action(action((file: string, org: string, options: SecretsOptions) => runSecrets(file, org, options)));
}

async function runSecrets(file: string, orgName: string, options: SecretsOptions): Promise<number> {
  if (options.out && !options.manifest) throw new UserError('--out writes the Secret manifests: give --manifest too');
  if (options.kubectl && options.manifest) throw new UserError('choose one of --kubectl and --manifest');
  if (options.out) checkOutputFile(options.out, '--out');
  if (options.crypto) checkInputFolder(options.crypto, '--crypto');
  const loaded = await loadSpecFile(file);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    const rendered = renderDiagnostics(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), options.format);
    process.stdout.write(`${rendered}\n`);
    return EXIT_ERROR;
  }
  const { model } = loaded.value;
  const org = model.organizations.find((candidate) => candidate.name === orgName);
  if (!org) {
    const names = model.organizations.map((candidate) => candidate.name);
    throw new UserError(`no organization '${orgName}' in ${file}${didYouMean(orgName, names)}`);
  }
  const { commonLabels, externalConfigMaps, requiredSecrets, toYaml } = await import('../../compiler/k8s/index.js');
  const secrets = requiredSecrets(model, org);
  const configMaps = externalConfigMaps(model, org);

  if (options.kubectl || options.manifest) {
    const { sources, missing } = secretSources(
      secrets,
      model.specDir,
      orgDirectory(org.name),
      options.crypto ? resolve(options.crypto) : undefined,
    );
    if (missing.length > 0)
      throw new UserError(
        `the crypto folder of '${org.name}' lacks ${missing.length} file(s) its Secrets need:\n${missing.map((path) => `  ${path}`).join('\n')}`,
      );
    if (options.kubectl) {
      const variables = variablesOf(sources);
      const lines = [`# Secrets of organization ${org.name}, namespace ${org.kubernetes.namespace}.`];
      if (variables.length > 0)
        lines.push(
          '# Set these from your own store first (a value, or a *_FILE path):',
          ...variables.map((source) => `#   ${source.kind === 'variable' ? source.variable : source.key}`),
        );
      lines.push(...kubectlCommands(sources, process.cwd()));
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT_OK;
    }
    if (!options.out && process.stdout.isTTY)
      throw new UserError(
        'the Secret manifests hold private keys: pipe them (| kubeseal …) or write them with --out <file>, not to a terminal',
      );
    // Not labelled managed-by netspec: `apply --k8s` prunes by that label and must never delete a Secret.
    const { 'app.kubernetes.io/managed-by': _managedBy, ...labels } = commonLabels(model.name, org.name);
    const { objects, unset } = secretObjects(sources, labels, process.env);
    if (unset.length > 0)
      throw new UserError(
        `set these variables from your own store first (a value, or a *_FILE path): ${unset.join(', ')}`,
      );
    const text = objects.map((object) => `---\n${toYaml(object as never)}`).join('');
    if (options.out) writeFileAtomic(options.out, text, SECRET_MODE);
    else process.stdout.write(text);
    return EXIT_OK;
  }

  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ organization: org.name, namespace: org.kubernetes.namespace, secrets, configMaps }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  const lines = [`Secrets to create in namespace ${org.kubernetes.namespace} (organization ${org.name}):`];
  for (const secret of secrets) {
    lines.push('', `${secret.name}  (${secret.type}, used by ${secret.usedBy})`);
    const width = Math.max(...secret.keys.map(({ key }) => key.length));
    for (const { key, description, source } of secret.keys)
      lines.push(
        `  ${key.padEnd(width)}  ${description}${source && secret.folder ? ` [${secret.folder}/${source}]` : ''}`,
      );
  }
  if (configMaps.length > 0) {
    lines.push('', 'ConfigMaps written by other steps (must exist before the pods start):');
    for (const map of configMaps) {
      lines.push('', `${map.name}  (used by ${map.usedBy})`);
      for (const { key, description } of map.keys) lines.push(`  ${key.padEnd(14)} ${description}`);
    }
  }
  lines.push('', `\`netspec secrets ${file} ${org.name} --kubectl\` prints the commands that create them.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
