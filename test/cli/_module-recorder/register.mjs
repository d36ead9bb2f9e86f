// Loaded with `node --import`: prints on stderr every file module the process loads (`LOADED <url>`), so a test can
// tell which parts of the CLI bundle a command pulled in.
import { writeSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);

// CommonJS files required at run time (the yaml package the CLI loads on first use) do not pass the ES module hooks.
const originalRequire = Module.prototype.require;
Module.prototype.require = function requireAndRecord(id) {
  const exports = originalRequire.call(this, id);
  const file = Module._resolveFilename(id, this);
  if (file.startsWith('/')) writeSync(2, `LOADED ${pathToFileURL(file).href}\n`);
  return exports;
};
