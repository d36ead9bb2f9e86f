// Module loader hook (see register.mjs).
export async function load(url, context, next) {
  const loaded = await next(url, context);
  if (url.startsWith('file:')) process.stderr.write(`LOADED ${url}\n`);
  return loaded;
}
