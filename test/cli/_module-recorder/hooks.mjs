// Module loader hook (see register.mjs). The hooks run on their own thread, whose process.stderr is relayed through
// the main thread by messages: lines still in flight when the command exits are lost, which a loaded machine made
// happen. A synchronous write to fd 2 is on the pipe before the module it names has even loaded.
import { writeSync } from 'node:fs';

export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (url.startsWith('file:')) writeSync(2, `LOADED ${url}\n`);
  return loaded;
}
