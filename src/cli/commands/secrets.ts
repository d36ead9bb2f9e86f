// `netspec secrets <network.yaml> <org>`: the Secrets (names and keys, never values) an organization creates
// from its own key store before applying its manifests, and the ConfigMaps other steps must have written.
import type { Command } from 'commander';
import { Option } from 'commander';
import { didYouMean, hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { renderDiagnostics, sourcesOf, UserError } from '../output.js';

export function register(program: Command): void {
  program
    .command('secrets')
    .description('list the Kubernetes Secrets (names and keys) an organization must create')
    .argument('<network.yaml>', 'the network spec')
    .argument('<org>', 'the organization')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      action((file: string, org: string, options: { format: 'text' | 'json' }) =>
        runSecrets(file, org, options.format),
      ),
    );
}

async function runSecrets(file: string, orgName: string, format: 'text' | 'json'): Promise<number> {
  const loaded = await loadSpecFile(file);
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    const rendered = renderDiagnostics(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), format);
    process.stdout.write(`${rendered}\n`);
    return EXIT_ERROR;
  }
  const { model } = loaded.value;
  const org = model.organizations.find((candidate) => candidate.name === orgName);
  if (!org) {
    const names = model.organizations.map((candidate) => candidate.name);
    throw new UserError(`no organization '${orgName}' in ${file}${didYouMean(orgName, names)}`);
  }
  const { externalConfigMaps, requiredSecrets } = await import('../../compiler/k8s/required-secrets.js');
  const secrets = requiredSecrets(model, org);
  const configMaps = externalConfigMaps(model, org);
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ organization: org.name, namespace: org.kubernetes.namespace, secrets, configMaps }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  const lines = [`Secrets to create in namespace ${org.kubernetes.namespace} (organization ${org.name}):`];
  for (const secret of secrets) {
    lines.push('', `${secret.name}  (${secret.type}, used by ${secret.usedBy})`);
    for (const { key, description } of secret.keys) lines.push(`  ${key.padEnd(14)} ${description}`);
  }
  if (configMaps.length > 0) {
    lines.push('', 'ConfigMaps written by other steps (must exist before the pods start):');
    for (const map of configMaps) {
      lines.push('', `${map.name}  (used by ${map.usedBy})`);
      for (const { key, description } of map.keys) lines.push(`  ${key.padEnd(14)} ${description}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
