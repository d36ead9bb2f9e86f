// The one TLS-failure classifier, fed the errors Node itself raises: a real HTTPS server on 127.0.0.1 (Node's own
// handshake, mutual TLS trusting one CA, as an orderer's admin API) and the HTTPS transport netspec's clients use,
// each failure made by a certificate that is wrong in one way. What the Fabric and the Fabric CA clients say on top is tested with them (test/apply/fabric,
// test/apply/fabric-ca).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../../src/apply/http/exchange.js';
import { classifyTlsFailure, isServerCertificateRefused } from '../../src/apply/tls-failure.js';
import {
  type CertificateAuthority,
  issueCaCertificate,
  issueLeafCertificate,
} from '../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyToPem } from '../../src/crypto/key-pair.js';

interface Pair {
  cert: string;
  key: string;
}

let trusted: CertificateAuthority;
let other: CertificateAuthority;
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

beforeAll(async () => {
  trusted = await issueCaCertificate('tlsca.trusted.example', 'trusted', await generateSigningKeyPair());
  other = await issueCaCertificate('tlsca.other.example', 'other', await generateSigningKeyPair());
});

async function leaf(ca: CertificateAuthority, name: string, validity: { now?: Date; notAfter?: Date } = {}) {
  const keys = await generateSigningKeyPair();
  const cert = await issueLeafCertificate(
    {
      commonName: name,
      organization: 'test',
      dnsNames: [name],
      purpose: 'tls',
      publicKey: keys.publicKey,
      ...(validity.notAfter ? { notAfter: validity.notAfter } : {}),
    },
    ca,
    validity.now,
  );
  return { cert, key: privateKeyToPem(keys.privateKey) };
}

/**
 * A mutual-TLS server that trusts client certificates of `trusted` only, as an orderer's admin API does, refusing
 * one with an alert during the handshake as Fabric's does (TLS 1.2: under TLS 1.3 Node's server only resets).
 */
async function serve(pair: Pair): Promise<number> {
  const server = createServer(
    { ...pair, ca: trusted.pem, requestCert: true, rejectUnauthorized: true, maxVersion: 'TLSv1.2' },
    (_, res) => res.end('ok'),
  );
  servers.push(server);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** The error a client meets asking `port`, or undefined when it got the server's answer. */
function failureOf(port: number, options: { ca: string; servername: string; client?: Pair }): Promise<unknown> {
  const url = new URL(`https://127.0.0.1:${port}/`);
  return exchange(url, { method: 'GET', ...options, ...(options.client ?? {}), timeoutMs: 30_000 }).then(
    (answer) => (answer.body === 'ok' ? undefined : new Error(`answered ${answer.status} '${answer.body}'`)),
    (error: unknown) => error,
  );
}

describe('classifyTlsFailure on Node’s own handshake errors', () => {
  it('a client certificate of another CA, or none, is refused by the server', async () => {
    const port = await serve(await leaf(trusted, 'localhost'));
    const base = { ca: trusted.pem, servername: 'localhost' };
    // The control: the right client certificate gets the answer.
    expect(await failureOf(port, { ...base, client: await leaf(trusted, 'client') })).toBeUndefined();
    const foreign = await failureOf(port, { ...base, client: await leaf(other, 'client') });
    expect(classifyTlsFailure(foreign)).toBe('client-refused');
    expect(classifyTlsFailure(await failureOf(port, base))).toBe('client-refused');
    expect(isServerCertificateRefused('client-refused')).toBe(false);
  });

  it('reads the refusal Fabric v2.5.9 sent a Node client of another TLS CA, as recorded', () => {
    const recorded = readFileSync(
      new URL('../fixtures/fabric-live/admin-api-tls-untrusted-client-node.txt', import.meta.url),
      'utf8',
    );
    const [, code, message] = /error: code=(\S+) message="([^"]+)"/.exec(recorded)!;
    expect(classifyTlsFailure(Object.assign(new Error(message), { code }))).toBe('client-refused');
  });

  it('a server certificate of another CA, for another name, or expired, is refused by us', async () => {
    const client = await leaf(trusted, 'client');
    const port = await serve(await leaf(trusted, 'localhost'));
    expect(classifyTlsFailure(await failureOf(port, { ca: other.pem, servername: 'localhost', client }))).toBe(
      'untrusted',
    );
    expect(
      classifyTlsFailure(await failureOf(port, { ca: trusted.pem, servername: 'orderer.example.com', client })),
    ).toBe('wrong-name');
    const expired = await serve(
      await leaf(trusted, 'localhost', { now: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01') }),
    );
    expect(classifyTlsFailure(await failureOf(expired, { ca: trusted.pem, servername: 'localhost', client }))).toBe(
      'expired',
    );
    for (const kind of ['untrusted', 'wrong-name', 'expired'] as const)
      expect(isServerCertificateRefused(kind)).toBe(true);
  });

  it('a refused connection is no TLS failure', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failureOf(port, { ca: trusted.pem, servername: 'localhost' });
    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(classifyTlsFailure(refused)).toBeUndefined();
  });
});
