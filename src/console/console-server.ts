// `netspec console`'s web server: the built app (dist/console-app/) and the documents of console-routes, on a
// loopback address unless told otherwise. It reads the repository; its one write is a proposal edit, committed on a
// new local branch (propose-edit), offered only on a loopback address. It never talks to a Fabric or Quorum node.
// Requests must name this server as their Host (a page on another site cannot reach it through DNS rebinding), and
// an edit must come from this server's own page (its Origin) as JSON, which a cross-site form cannot send.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { type ConsoleContext, documentAt } from './console-routes.js';
import { proposeEdit } from './edits/propose-edit.js';

export interface ConsoleServerOptions {
  host: string;
  port: number;
  /** The built app's folder (index.html, app.js, app.css). */
  appDir: string;
}

export interface RunningConsole {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Everything the app loads is its own: nothing from another host, no inline script. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The app's static files, by the address the browser asks for. */
const APP_FILES = new Set(['index.html', 'app.js', 'app.css']);

/** An edit's JSON is a few hundred bytes; anything far larger is refused before it is read whole. */
const MAX_BODY_BYTES = 64 * 1024;

export function startConsoleServer(context: ConsoleContext, options: ConsoleServerOptions): Promise<RunningConsole> {
  const server = createServer((request, response) => {
    handle(context, options, server, request, response).catch((error: unknown) => {
      send(response, 500, 'application/json; charset=utf-8', errorJson(`internal error: ${(error as Error).message}`));
    });
  });
  // Clients close an idle connection before the server does (undici after 4 s, browsers later): a server closing
  // first, at Node's default of 5 s, races a request sent on the same connection, which then fails.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolvePromise({
        server,
        url: `http://${host}:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function handle(
  context: ConsoleContext,
  options: ConsoleServerOptions,
  server: Server,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const own = request.headers.host ?? '';
  const names = ownAuthorities(server, options.host);
  if (names && !names.includes(own)) {
    send(response, 421, 'text/plain; charset=utf-8', `this console answers to ${names[0]} only\n`);
    return;
  }
  const url = new URL(request.url ?? '/', 'http://console.invalid');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  } catch {
    return send(response, 400, 'text/plain; charset=utf-8', 'the address is not valid percent-encoding\n');
  }

  if (request.method === 'POST') {
    const edit = /^api\/networks\/([^/]+)\/edits\/(preview|commit)$/.exec(path);
    if (!edit) return send(response, 404, 'application/json; charset=utf-8', errorJson(`no such address: /${path}`));
    if (!context.edits)
      return send(response, 403, 'application/json; charset=utf-8', errorJson('edits are offered on loopback only'));
    if (request.headers.origin !== `http://${own}` || !isJson(request))
      return send(response, 403, 'application/json; charset=utf-8', errorJson("edits come from this console's page"));
    const network = context.networks.find((candidate) => candidate.name === edit[1]);
    if (!network) return send(response, 404, 'application/json; charset=utf-8', errorJson(`no network ${edit[1]}`));
    const body = await readBody(request);
    if (body === undefined)
      return send(response, 413, 'application/json; charset=utf-8', errorJson('the request is too large'));
    const outcome = await proposeEdit(context.root, network, body, edit[2] === 'commit');
    const status = 'error' in outcome ? 400 : 200;
    return send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(outcome, null, 2)}\n`);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD, POST');
    return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }

  if (path.startsWith('api/')) {
    const document = await documentAt(context, path);
    if (!document)
      return send(response, 404, 'application/json; charset=utf-8', errorJson(`no such address: /${path}`));
    if ('error' in document) return send(response, 422, 'application/json; charset=utf-8', errorJson(document.error));
    return send(response, 200, 'application/json; charset=utf-8', document.json);
  }
  if (path === 'data.js')
    // The exported site carries its documents in this file; a served console has the addresses above.
    return send(response, 200, CONTENT_TYPES['.js']!, '// netspec console: documents are served under api/\n');
  const file = path === '' ? 'index.html' : path;
  if (!APP_FILES.has(file)) return send(response, 404, 'text/plain; charset=utf-8', `no such address: /${path}\n`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(options.appDir, file));
  } catch {
    return send(
      response,
      500,
      'text/plain; charset=utf-8',
      `the console app is not built (${options.appDir}): run npm run build\n`,
    );
  }
  send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', bytes);
}

/**
 * The host:port names a browser may give this server in its Host header when it listens on a loopback address, or
 * undefined when it listens on another (`--host`): then it is reached by names it cannot know, and offers no edits.
 */
function ownAuthorities(server: Server, host: string): string[] | undefined {
  if (!isLoopback(host)) return undefined;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const bound = host.includes(':') ? `[${host}]` : host;
  return [...new Set([bound, '127.0.0.1', 'localhost', '[::1]'])].map((name) => `${name}:${port}`);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isJson(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim() === 'application/json';
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function errorJson(message: string): string {
  return `${JSON.stringify({ error: message })}\n`;
}
