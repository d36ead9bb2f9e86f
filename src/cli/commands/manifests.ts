// `netspec manifests <network.yaml> --out <dir> [--org <org>]`: writes k8s/<org>/ for each organization (or
// one), atomically. Any invalid object stops the run before a single file is written.
import type { Command } from 'commander';
import { didYouMean, hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { checkOutputFolder, inPathContext, renderDiagnostics, sourcesOf, UserError } from '../output.js';

interface ManifestsOptions {
  out: string;
  org?: string;
}

export function register(program: Command): void {
  program
    .command('manifests')
    .description('write each organization’s Kubernetes manifests (k8s/<org>/manifest.yaml and kustomization.yaml)')
    .argument('<network.yaml>', 'the network spec')
    .requiredOption('--out <dir>', 'folder to write k8s/<org>/ into')
    .option('--org <org>', 'only this organization')
    .action(action((file: string, options: ManifestsOptions) => runManifests(file, options)));
}

async function runManifests(file: string, options: ManifestsOptions): Promise<number> {
  checkOutputFolder(options.out, '--out');
  const loaded = await loadSpecFile(file);
  const sources = sourcesOf({ [file]: loaded.text });
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    process.stdout.write(`${renderDiagnostics(loaded.diagnostics, sources, 'text')}\n`);
    return EXIT_ERROR;
  }
  const { model, parsed } = loaded.value;
  if (options.org && !model.organizations.some((org) => org.name === options.org)) {
    const names = model.organizations.map((org) => org.name);
    throw new UserError(`no organization '${options.org}' in ${file}${didYouMean(options.org, names)}`);
  }
  const chosen = model.organizations.find((org) => org.name === options.org);
  if (chosen && !chosen.kubernetes.managed)
    throw new UserError(
      `organization '${chosen.name}' has no manifests: netspec runs the nodes of an organization only when ${file} ` +
        'gives it a kubernetes: placement (and does not set kubernetes.enabled: false)',
    );
  const [{ emitManifests, manifestFiles, writeManifestFolders }, { locate }] = await Promise.all([
    import('../../compiler/k8s/index.js'),
    import('../../compiler/parse/index.js'),
  ]);
  const emitted = emitManifests(model, {
    ...(options.org ? { organizations: [options.org] } : {}),
    locate: (path) => locate(parsed, path),
  });
  if (!emitted.value) {
    process.stdout.write(`${renderDiagnostics(emitted.diagnostics, sources, 'text')}\n`);
    process.stdout.write(`${file}: no manifests written\n`);
    return EXIT_ERROR;
  }
  const files = emitted.value.flatMap(manifestFiles);
  try {
    writeManifestFolders(options.out, files);
  } catch (error) {
    throw inPathContext(error, `--out ${options.out} cannot be written`, options.out);
  }
  if (emitted.value.length === 0)
    process.stdout.write(`${file}: no organization has a kubernetes: placement; no manifests written\n`);
  for (const org of emitted.value)
    process.stdout.write(`k8s/${org.organization}: ${org.objects.length} objects (namespace ${org.namespace})\n`);
  return EXIT_OK;
}
