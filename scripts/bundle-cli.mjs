// Build step: bundle the compiled CLI (dist/cli/main.js) into dist/cli-bundle/ with esbuild. Resolving and
// instantiating some 200 small ES modules costs more at start-up than `netspec validate` does itself; one bundle
// with lazily loaded chunks (one per command's heavy part) starts in a fraction of that. Packages that only the
// live-network commands need, and those with CommonJS tricks of their own, stay external and load on demand.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: start clean so chunks of earlier builds do not pile up.
rmSync('dist/cli-bundle', { recursive: true, force: true });

await build({
  entryPoints: { main: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/cli-bundle',
  outExtension: { '.js': '.mjs' },
  // Bundled CommonJS code (ajv's runtime helpers) calls require(); give ESM chunks a real one.
  banner: {
    js: "import { createRequire as __netspecRequire } from 'node:module'; const require = __netspecRequire(import.meta.url);",
  },
  external: [
    '@grpc/grpc-js',
    '@kubernetes/client-node',
    '@octokit/rest',
    '@peculiar/x509',
    'handlebars',
    'reflect-metadata',
    'simple-git',
  ],
  legalComments: 'none',
  logLevel: 'warning',
});
