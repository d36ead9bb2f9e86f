// A local stand-in for the Kubernetes API server: just the paths and verbs `apply --k8s` uses (discovery,
// server-side apply PATCH, list by label selector, delete), recording every request for exact assertions. It
// routes as the API server does (k8s.io/apiserver): `/api/v1` and `/apis/<group>/<version>`, then
// `namespaces/<ns>/<resource>[/<name>]`; a group, version or resource it does not serve answers 404 NotFound, as
// a cluster without the Gateway API's CRDs does. A list honours an equality label selector (`k=v,k2=v2`) by its
// own reading of the objects' labels, and a delete removes the object, or answers 404 when there is none.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  body: unknown;
}

const RESOURCES: Record<string, { name: string; kind: string; namespaced: boolean }[]> = {
  '/api/v1': [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
  ],
  '/apis/apps/v1': [
    { name: 'statefulsets', kind: 'StatefulSet', namespaced: true },
    { name: 'deployments', kind: 'Deployment', namespaced: true },
  ],
  '/apis/networking.k8s.io/v1': [
    { name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
    { name: 'ingresses', kind: 'Ingress', namespaced: true },
  ],
  '/apis/policy/v1': [{ name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true }],
  // Served only while the Gateway API's CRDs are installed (FakeKubeApi.gatewayApi).
  '/apis/gateway.networking.k8s.io/v1alpha2': [{ name: 'tlsroutes', kind: 'TLSRoute', namespaced: true }],
};
const GATEWAY_API = '/apis/gateway.networking.k8s.io/v1alpha2';

/** The body the API server answers a path it does not serve with. */
const NOT_FOUND = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
};

interface StoredObject {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
}

export interface FakeKubeApi {
  url: string;
  requests: RecordedRequest[];
  /** Objects the "cluster" already holds, listed by plural resource name (e.g. `services`). */
  existing: Record<string, StoredObject[]>;
  /** Whether the cluster serves the Gateway API (TLSRoute); true unless a test uninstalls it. */
  gatewayApi: boolean;
  /** Answer every list of this resource (e.g. `ingresses`) with this status, as an RBAC refusal would. */
  failListOf?: { resource: string; status: number; message: string };
  /** Answer lists without filtering by label selector, as a faulty proxy in front of the server might. */
  ignoreLabelSelector?: boolean;
  /** Answer the next PATCH with this status and message (e.g. 403). */
  failNextPatch?: { status: number; message: string };
  kubeconfig(contexts: string[]): string;
  close(): Promise<void>;
}

export async function startFakeKubeApi(): Promise<FakeKubeApi> {
  const requests: RecordedRequest[] = [];
  const state: FakeKubeApi = {
    url: '',
    requests,
    existing: {},
    gatewayApi: true,
    kubeconfig: () => '',
    close: async () => {},
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: request.headers['content-type'],
      body: body ? JSON.parse(body) : undefined,
    };
    requests.push(recorded);
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    const route = routeOf(url.pathname, state.gatewayApi);
    if (!route) return send(404, NOT_FOUND);
    if (route.discovery) {
      if (request.method !== 'GET') return send(405, { ...NOT_FOUND, reason: 'MethodNotAllowed', code: 405 });
      return send(200, {
        kind: 'APIResourceList',
        groupVersion: route.groupVersion,
        resources: RESOURCES[route.prefix],
      });
    }
    if (request.method === 'PATCH') {
      if (state.failNextPatch) {
        const { status, message } = state.failNextPatch;
        state.failNextPatch = undefined;
        return send(status, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code: status });
      }
      return send(200, recorded.body);
    }
    state.existing[route.resource] ??= [];
    const stored = state.existing[route.resource]!;
    const inNamespace = stored.filter(
      (o) => route.namespace === undefined || o.metadata?.namespace === route.namespace,
    );
    if (request.method === 'GET' && route.name === undefined) {
      const failure = state.failListOf;
      if (failure?.resource === route.resource)
        return send(failure.status, {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: failure.message,
          code: failure.status,
        });
      const wanted = state.ignoreLabelSelector ? [] : parseSelector(recorded.query.labelSelector ?? '');
      const items = inNamespace.filter((o) => wanted.every(([key, value]) => o.metadata?.labels?.[key] === value));
      return send(200, { apiVersion: 'v1', kind: 'List', metadata: {}, items });
    }
    const found = inNamespace.find((o) => o.metadata?.name === route.name);
    if (!found) return send(404, { ...NOT_FOUND, message: `${route.resource} "${route.name}" not found` });
    if (request.method === 'DELETE') {
      if (recorded.query.dryRun !== 'All') stored.splice(stored.indexOf(found), 1);
      return send(200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    }
    if (request.method === 'GET') return send(200, found);
    send(405, { ...NOT_FOUND, reason: 'MethodNotAllowed', code: 405 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.kubeconfig = (contexts) => {
    const dir = mkdtempSync(join(tmpdir(), 'netspec-kubeconfig-'));
    const file = join(dir, 'config');
    const lines = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // client-node refuses plain HTTP unless TLS verification is off; the fake server is loopback-only.
      `  - name: fake\n    cluster:\n      server: ${state.url}\n      insecure-skip-tls-verify: true`,
      'users:',
      '  - name: tester\n    user:\n      token: test-token',
      'contexts:',
      ...contexts.map((name) => `  - name: ${name}\n    context:\n      cluster: fake\n      user: tester`),
      `current-context: ${contexts[0] ?? ''}`,
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

type Route =
  | { discovery: true; prefix: string; groupVersion: string }
  | { discovery: false; resource: string; namespace?: string; name?: string };

/**
 * `/api/v1[/namespaces/<ns>]/<resource>[/<name>]` or the same under `/apis/<group>/<version>`; undefined for a
 * group, version or resource this server does not serve. A namespace is itself a resource of `/api/v1`.
 */
function routeOf(path: string, gatewayApi: boolean): Route | undefined {
  const parts = path.split('/').filter(Boolean);
  const prefixLength = parts[0] === 'api' ? 2 : parts[0] === 'apis' ? 3 : 0;
  const prefix = `/${parts.slice(0, prefixLength).join('/')}`;
  if (prefixLength === 0 || !RESOURCES[prefix] || (prefix === GATEWAY_API && !gatewayApi)) return undefined;
  const rest = parts.slice(prefixLength);
  if (rest.length === 0) return { discovery: true, prefix, groupVersion: parts.slice(1, prefixLength).join('/') };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest.splice(0, 2);
  }
  const [resource, name, ...extra] = rest;
  const served = RESOURCES[prefix]!.find((r) => r.name === resource);
  if (!served || extra.length > 0 || (namespace !== undefined && !served.namespaced)) return undefined;
  return { discovery: false, resource: resource!, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

/** An equality-based label selector: `k=v` terms joined by commas. */
function parseSelector(selector: string): [string, string][] {
  if (selector === '') return [];
  return selector.split(',').map((term) => {
    const [key, value, ...rest] = term.split('=');
    if (!key || value === undefined || rest.length > 0) throw new Error(`fake API: unsupported selector term ${term}`);
    return [key, value];
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
