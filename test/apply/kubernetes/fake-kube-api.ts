// A local stand-in for the Kubernetes API server: just the paths and verbs `apply --k8s` uses (discovery,
// server-side apply PATCH, list by label selector, delete), recording every request for exact assertions.

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
  '/apis/networking.k8s.io/v1': [{ name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true }],
  '/apis/policy/v1': [{ name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true }],
};

export interface FakeKubeApi {
  url: string;
  requests: RecordedRequest[];
  /** Objects the "cluster" already holds, listed by plural resource name (e.g. `services`). */
  existing: Record<string, object[]>;
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
    const discovery = RESOURCES[url.pathname];
    if (request.method === 'GET' && discovery)
      return send(200, {
        kind: 'APIResourceList',
        groupVersion: url.pathname.replace(/^\/apis?\//, ''),
        resources: discovery,
      });
    if (request.method === 'PATCH') {
      if (state.failNextPatch) {
        const { status, message } = state.failNextPatch;
        state.failNextPatch = undefined;
        return send(status, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code: status });
      }
      return send(200, recorded.body);
    }
    if (request.method === 'GET') {
      const plural = url.pathname.split('/').pop() ?? '';
      return send(200, { apiVersion: 'v1', kind: 'List', metadata: {}, items: state.existing[plural] ?? [] });
    }
    if (request.method === 'DELETE') return send(200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    send(404, { kind: 'Status', status: 'Failure', message: 'not found', code: 404 });
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
