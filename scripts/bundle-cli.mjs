// Build step: bundle the compiled CLI (dist/cli/main.js) into dist/cli-bundle/ with esbuild. Resolving and
// instantiating some 200 small ES modules costs more at start-up than `netspec validate` does itself; one bundle
// with lazily loaded chunks (one per command's heavy part) starts in a fraction of that. Packages that only the
// live-network commands need, and those with CommonJS tricks of their own, stay external and load on demand.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

// Chunk names carry content hashes: start clean so chunks of earlier builds do not pile up.
rmSync('dist/cli-bundle', { recursive: true, force: true });

/** One CommonJS file beside the bundle, minified like it, from `entry` (a file, or the text of a module). */
function commonJsBesideTheBundle(file, entry) {
  return build({
    ...(entry.file
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'js' } }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: `dist/cli-bundle/${file}`,
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** A plugin that gives the bundle `contents` in place of the compiled module `distFile` (dist/<path>.js). */
function replaced(distFile, contents) {
  const filter = new RegExp(`[\\\\/]${distFile.replaceAll('/', '[\\\\/]').replaceAll('.', '\\.')}$`);
  return {
    name: `replace ${distFile}`,
    setup(esbuild) {
      esbuild.onLoad({ filter }, () => ({ loader: 'js', contents: contents.join('\n'), resolveDir: process.cwd() }));
    },
  };
}

// The yaml package as one CommonJS file, which src/yaml-package.ts loads on first use: Node 20 loads an ES chunk
// only asynchronously, and the code that needs YAML (a careful parse, a finding's source position) runs
// synchronously. One minified file loads about as fast as the bundled chunk did; a validate that needs neither
// never loads it.
const YAML_FILE = 'yaml.cjs';
const yamlBuild = await commonJsBesideTheBundle(YAML_FILE, { contents: "module.exports = require('yaml');" });
const yamlBesideTheBundle = replaced('dist/yaml-package.js', [
  "import { createRequire } from 'node:module';",
  'let loaded;',
  `export function yamlPackage() { loaded ??= createRequire(import.meta.url)('./${YAML_FILE}'); return loaded; }`,
]);

// The generated schema validator as one CommonJS file with a V8 code cache (src/code-cache.ts): every spec command
// runs it, and compiling its 230 KB afresh cost validate about 7% of its CPU. The cache is made below, once
// the validator has checked the example networks, so the functions a validation reaches are in it.
const VALIDATOR_FILE = 'schema-validator.cjs';
const VALIDATOR_SOURCE = 'dist/compiler/validate/generated/network-schema-validator.js';
const validatorBuild = await commonJsBesideTheBundle(VALIDATOR_FILE, { file: VALIDATOR_SOURCE });
const validatorBesideTheBundle = replaced(VALIDATOR_SOURCE, [
  "import { fileURLToPath } from 'node:url';",
  `import { requireWithCodeCache } from '${process.cwd()}/dist/code-cache.js';`,
  `const generated = requireWithCodeCache(fileURLToPath(new URL('./${VALIDATOR_FILE}', import.meta.url))).exports;`,
  'export const validate = generated.validate;',
  'export const networkSchema = generated.networkSchema;',
  'export default generated.default;',
]);

const result = await build({
  entryPoints: { main: 'dist/cli/main.js' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/cli-bundle',
  outExtension: { '.js': '.mjs' },
  // Start-up compiles every chunk a command loads: without whitespace and with shorter syntax (names kept, so a
  // NETSPEC_DEBUG stack still reads) the text V8 parses shrinks by a quarter, and validate of the supply-chain
  // example takes about 9% less CPU (paired medians of 20 runs).
  minifyWhitespace: true,
  minifySyntax: true,
  write: false,
  // Which source files each chunk holds (minified chunks carry no path comments): the start-up test reads it.
  metafile: true,
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
  plugins: [yamlBesideTheBundle, validatorBesideTheBundle],
});

// Bundled CommonJS code (ajv's runtime helpers, js-yaml) calls require(); an ESM chunk has none, so the chunks that
// name it get a real one. Only those: import.meta and createRequire in each of some 40 chunks cost validate about
// 4% of its CPU.
const REQUIRE =
  "import { createRequire as __netspecRequire } from 'node:module'; const require = __netspecRequire(import.meta.url);\n";
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, /\brequire\b/.test(file.text) ? REQUIRE + file.text : file.text);
}
const chunks = Object.fromEntries(
  [
    ...Object.entries(result.metafile.outputs),
    ...Object.entries(yamlBuild.metafile.outputs),
    ...Object.entries(validatorBuild.metafile.outputs),
  ].map(([chunk, { inputs }]) => [chunk, Object.keys(inputs).sort()]),
);
writeFileSync('dist/cli-bundle/chunk-sources.json', `${JSON.stringify(chunks, null, 1)}\n`);

const { writeCodeCache } = await import('../dist/code-cache.js');
const { CORE_SCHEMA, load } = await import('js-yaml');
writeCodeCache(`dist/cli-bundle/${VALIDATOR_FILE}`, (validator) => {
  for (const network of readdirSync('networks')) {
    const spec = `networks/${network}/network.yaml`;
    if (existsSync(spec)) validator.default(load(readFileSync(spec, 'utf8'), { schema: CORE_SCHEMA }));
  }
});
