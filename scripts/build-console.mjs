// Build step: the console's front end (console/) into dist/console-app/ with Vite: one classic script (app.js, an
// IIFE) and one stylesheet beside a static index.html. Not an ES module: a page opened from file:// (an exported
// console) may not load module scripts, and a classic script runs the same from the console server.
import { copyFileSync } from 'node:fs';
import { build } from 'vite';

const outDir = 'dist/console-app';

await build({
  configFile: false,
  root: 'console',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: `../${outDir}`,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: {
      entry: 'src/main.tsx',
      formats: ['iife'],
      name: 'NetspecConsole',
      fileName: () => 'app.js',
      cssFileName: 'app',
    },
  },
});
copyFileSync('console/index.html', `${outDir}/index.html`);
