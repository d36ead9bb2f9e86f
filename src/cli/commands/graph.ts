// `netspec graph <network.yaml> --format mermaid|dot|svg [--output <file>]`: the consortium at a glance —
// organizations and their nodes, channels, chaincodes, Quorum validators. Mermaid is the same diagram the
// plan's PR comment embeds; DOT is for Graphviz; SVG is laid out by netspec and needs nothing else.
import type { Command } from 'commander';
import { Option } from 'commander';
import { hasErrors } from '../../compiler/diagnostics/index.js';
import { action } from '../action.js';
import { EXIT_ERROR, EXIT_OK } from '../exit-codes.js';
import { loadSpecFile } from '../load-spec-file.js';
import { emit, renderDiagnostics, sourcesOf } from '../output.js';

type GraphFormat = 'mermaid' | 'dot' | 'svg';

export function register(program: Command): void {
  program
    .command('graph')
    .description('draw the consortium: organizations, nodes, channels, chaincodes, Quorum validators')
    .argument('<network.yaml>', 'the network spec')
    .addOption(new Option('--format <format>', 'diagram format').choices(['mermaid', 'dot', 'svg']).default('mermaid'))
    .option('--output <file>', 'write the diagram to this file (default: stdout)')
    .action(
      action(async (file: string, options: { format: GraphFormat; output?: string }) => {
        const loaded = await loadSpecFile(file);
        if (!loaded.value || hasErrors(loaded.diagnostics)) {
          process.stderr.write(
            `${renderDiagnostics(loaded.diagnostics, sourcesOf({ [file]: loaded.text }), 'text')}\n`,
          );
          return EXIT_ERROR;
        }
        const model = loaded.value.model;
        let diagram: string;
        if (options.format === 'dot') diagram = (await import('../../compiler/render/graph-dot.js')).renderDot(model);
        else if (options.format === 'svg')
          diagram = (await import('../../compiler/render/graph-svg.js')).renderSvg(model);
        else diagram = `${(await import('../../compiler/render/mermaid.js')).renderMermaid(model).trimEnd()}\n`;
        emit(diagram, options.output);
        return EXIT_OK;
      }),
    );
}
