// `netspec connection-profile <network.yaml> <org> [--channel <c>] [--format yaml|json] [--output <file>]`:
// Fabric's common connection profile for an organization's applications (the SDKs and fabric-gateway samples).
import type { Command } from 'commander';
import { Option } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { checkOutputFile, emit, reportSpecFailure, sourcesOf, UserError } from '../output.js';

interface ProfileCommandOptions {
  channel?: string;
  format: 'yaml' | 'json';
  output?: string;
}

export function register(program: Command): void {
  program
    .command('connection-profile')
    .description('emit the Fabric common connection profile of an organization (peers, orderers, CA, channels)')
    .argument('<network.yaml>', 'the network spec')
    .argument('<org>', 'the organization whose applications connect')
    .option('--channel <channel>', 'only this channel')
    .addOption(new Option('--format <format>', 'profile format').choices(['yaml', 'json']).default('yaml'))
    .option('--output <file>', 'write the profile to this file (default: stdout)')
    .action(
      action(async (file: string, org: string, options: ProfileCommandOptions) => {
        const { buildConnectionProfile, renderConnectionProfile } = await import(
          '../../compiler/connection-profile/index.js'
        );
        if (options.output) checkOutputFile(options.output, '--output');
        const loaded = await loadSpecFile(file);
        if (!loaded.value || hasErrors(loaded.diagnostics))
          return reportSpecFailure(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), options.format);
        let result: ReturnType<typeof buildConnectionProfile>;
        try {
          result = buildConnectionProfile(loaded.value.model, org, options.channel ? { channel: options.channel } : {});
        } catch (error) {
          // A TLS CA file named by the spec that cannot be read (validation checks most, not override files).
          throw new UserError(`cannot read a TLS CA certificate: ${(error as Error).message}`);
        }
        if (!result.ok) throw new UserError(result.problem);
        emit(renderConnectionProfile(result.profile, options.format), options.output);
        return EXIT_OK;
      }),
    );
}
