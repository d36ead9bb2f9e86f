// A local Fabric CA for tests, over HTTPS, answering the endpoints netspec calls the way fabric-ca-server v1.5
// does (lib/server*.go, lib/serveridentities.go, lib/caerrors/servererror.go), in its envelope
// {success, result, errors: [{code, message}], messages}:
// - POST /api/v1/cainfo: the CA chain, no authentication;
// - POST /api/v1/register, GET and PUT /api/v1/identities/<id>: a token really verified (the registrar's
//   certificate must be the one it knows, the ECDSA signature must cover method.b64(uri).b64(body).b64(cert), the
//   URI with its query); an unknown id is HTTP 404 code 63, a known one at register is code 74; PUT merges
//   attributes like user.GetNewAttributes (an empty value deletes) and a secret replaces the password;
// - POST /api/v1/enroll (basic auth, a PKCS#10 CSR) and /api/v1/reenroll (the identity's own token, its
//   certificate issued by this CA): a certificate from a real test CA with OU = type and the ecert attributes
//   (hf.EnrollmentID, hf.Type, hf.Affiliation included) in extension 1.2.3.4.5.6.7.8.1, as lib/attrmgr writes it.
// The CA name comes from the `ca` query parameter, else the body's caname, else the server's default.
import { createPublicKey, webcrypto, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tokenPayload } from '../../../src/apply/fabric-ca/token-auth.js';
import { x509 } from '../../../src/crypto/_x509.js';
import { certificateAuthorityFromPem, issueLeafCertificate } from '../../../src/crypto/issue-certificate.js';
import { generateSigningKeyPair, privateKeyFromPem, privateKeyToPem } from '../../../src/crypto/key-pair.js';
import { verifyFabricSignature } from '../../../src/governance/index.js';

/** Fabric CA's OID for the attribute extension of enrollment certificates (lib/attrmgr). */
export const FABRIC_ATTRS_OID = '1.2.3.4.5.6.7.8.1';

export interface FakeAttribute {
  name: string;
  value: string;
  ecert?: boolean;
}

export interface FakeIdentity {
  type: string;
  affiliation: string;
  attrs: FakeAttribute[];
  secret: string;
}

export interface FakeCaOptions {
  caName: string;
  caCertPem: string;
  caKeyPem: string;
  tlsCaCertPem: string;
  tlsCaKeyPem: string;
  /** The CA admin's certificate: the only registrar this CA accepts. */
  registrarCertPem: string;
  /** Ids registered before the test starts (by someone else: their secret is not netspec's to know). */
  existing?: string[] | Record<string, Partial<FakeIdentity>>;
}

export interface FakeCaRequest {
  method: string;
  path: string;
  status: number;
  id?: string;
}

/** An answer a proxy in front of the CA gives instead of the CA (HTML, not the envelope). */
export interface InjectedFailure {
  method: string;
  path: string;
  status: number;
}

export interface FakeFabricCa {
  url: string;
  port: number;
  requests: FakeCaRequest[];
  registered: Map<string, FakeIdentity>;
  /** The next matching request gets this answer instead (once each). */
  failNext: InjectedFailure[];
  /** Serial numbers (hex, as X509Certificate.serialNumber) of revoked certificates: reenroll refuses them. */
  revokedSerials: Set<string>;
  close(): Promise<void>;
}

export async function startFakeFabricCa(options: FakeCaOptions): Promise<FakeFabricCa> {
  const ca = certificateAuthorityFromPem(options.caCertPem, await privateKeyFromPem(options.caKeyPem));
  const caCertificate = new X509Certificate(options.caCertPem);
  const tlsCa = certificateAuthorityFromPem(options.tlsCaCertPem, await privateKeyFromPem(options.tlsCaKeyPem));
  const tlsKeys = await generateSigningKeyPair();
  const tlsCert = await issueLeafCertificate(
    {
      commonName: 'localhost',
      organization: 'test',
      dnsNames: ['localhost'],
      purpose: 'tls',
      publicKey: tlsKeys.publicKey,
    },
    tlsCa,
  );
  const registered: FakeFabricCa['registered'] = new Map();
  const existing: Record<string, Partial<FakeIdentity>> = Array.isArray(options.existing)
    ? Object.fromEntries(options.existing.map((id) => [id, {}]))
    : (options.existing ?? {});
  for (const [id, identity] of Object.entries(existing)) {
    const type = identity.type ?? 'client';
    const affiliation = identity.affiliation ?? '';
    registered.set(id, {
      type,
      affiliation,
      attrs: [...fabricAttributes(id, type, affiliation), ...(identity.attrs ?? [])],
      secret: identity.secret ?? 'unknown-to-netspec',
    });
  }
  const requests: FakeCaRequest[] = [];
  const failNext: InjectedFailure[] = [];
  const revokedSerials = new Set<string>();
  let serial = 1;

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    result: unknown,
    errors: object[] = [],
    id?: string,
  ) => {
    requests.push({
      method: req.method ?? '',
      path: new URL(req.url ?? '', 'https://x').pathname,
      status,
      ...(id ? { id } : {}),
    });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: errors.length === 0, result, errors, messages: [] }));
  };

  const enrollment = async (id: string, csrText: string) => {
    const csr = new x509.Pkcs10CertificateRequest(csrText);
    if (!(await csr.verify())) return { error: { code: 31, message: 'CSR Decode failed' } };
    if (csr.subjectName.getField('CN')[0] !== id)
      return { error: { code: 77, message: 'The CSR subject common name must equal the enrollment ID' } };
    const entry = registered.get(id)!;
    const attrs = Object.fromEntries(entry.attrs.filter((a) => a.ecert).map((a) => [a.name, a.value]));
    const publicKey = await csr.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify'], webcrypto);
    const leaf = await issueWithAttributes(id, entry, attrs, publicKey, ca, (serial++).toString(16).padStart(6, '0'));
    return {
      result: {
        Cert: Buffer.from(leaf).toString('base64'),
        ServerInfo: { CAName: options.caName, CAChain: Buffer.from(options.caCertPem).toString('base64') },
      },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '', 'https://localhost');
    const path = url.pathname;
    const injected = failNext.findIndex((f) => f.method === req.method && f.path === path);
    if (injected >= 0) {
      const [failure] = failNext.splice(injected, 1);
      requests.push({ method: req.method ?? '', path, status: failure!.status });
      res.writeHead(failure!.status, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    let request: Record<string, unknown> = {};
    if (body !== '') {
      try {
        request = JSON.parse(body);
      } catch {
        return answer(req, res, 400, null, [{ code: 5, message: 'Invalid request body' }]);
      }
    }
    const caname = url.searchParams.get('ca') || (request.caname as string | undefined) || options.caName;
    if (caname !== options.caName)
      return answer(req, res, 404, null, [{ code: 19, message: `CA '${caname}' does not exist` }]);
    const registrarCheck = () =>
      checkToken(req.headers.authorization, req.method!, url, body, options.registrarCertPem);

    if (path === '/api/v1/cainfo' && req.method === 'POST')
      return answer(req, res, 200, {
        CAName: options.caName,
        CAChain: Buffer.from(options.caCertPem).toString('base64'),
        Version: '1.5.21',
      });

    if (path === '/api/v1/register' && req.method === 'POST') {
      const auth = registrarCheck();
      if (auth) return answer(req, res, 401, null, [{ code: 20, message: 'Authentication failure' }]);
      const id = String(request.id);
      if (registered.has(id))
        return answer(req, res, 500, null, [{ code: 74, message: `Identity '${id}' is already registered` }], id);
      const attrs = (request.attrs as FakeAttribute[] | undefined) ?? [];
      if (attrs.some((a) => a.name.startsWith('hf.')))
        return answer(req, res, 403, null, [{ code: 71, message: 'Authorization failure' }], id);
      const type = String(request.type || 'client');
      const affiliation = request.affiliation === '.' ? '' : String(request.affiliation ?? '');
      const secret = String(request.secret || `secret-${Math.random().toString(36).slice(2)}`);
      registered.set(id, { type, affiliation, attrs: [...fabricAttributes(id, type, affiliation), ...attrs], secret });
      return answer(req, res, 201, { secret }, [], id);
    }

    const identity = /^\/api\/v1\/identities\/([^/]+)$/.exec(path);
    if (identity && (req.method === 'GET' || req.method === 'PUT')) {
      const id = decodeURIComponent(identity[1]!);
      const auth = registrarCheck();
      if (auth) return answer(req, res, 401, null, [{ code: 20, message: 'Authentication failure' }], id);
      const entry = registered.get(id);
      if (!entry)
        return answer(
          req,
          res,
          404,
          null,
          [{ code: 63, message: 'Failed to get User: sql: no rows in result set' }],
          id,
        );
      if (req.method === 'PUT') {
        if (request.type) entry.type = String(request.type);
        const changes = [...((request.attrs as FakeAttribute[] | undefined) ?? [])];
        if (request.affiliation) {
          entry.affiliation = request.affiliation === '.' ? '' : String(request.affiliation);
          changes.push({ name: 'hf.Affiliation', value: entry.affiliation, ecert: true });
        }
        if (request.type) changes.push({ name: 'hf.Type', value: entry.type, ecert: true });
        entry.attrs = newAttributes(entry.attrs, changes);
        if (request.secret) entry.secret = String(request.secret);
      }
      return answer(
        req,
        res,
        200,
        {
          id,
          type: entry.type,
          affiliation: entry.affiliation,
          attrs: entry.attrs,
          max_enrollments: -1,
          caname: options.caName,
        },
        [],
        id,
      );
    }

    if (path === '/api/v1/enroll' && req.method === 'POST') {
      const [scheme, encoded = ''] = (req.headers.authorization ?? '').split(' ');
      const [id = '', secret] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      if (scheme !== 'Basic' || registered.get(id)?.secret !== secret)
        return answer(req, res, 401, null, [{ code: 20, message: 'Authentication failure' }], id);
      const issued = await enrollment(id, String(request.certificate_request));
      if (issued.error) return answer(req, res, 400, null, [issued.error], id);
      return answer(req, res, 201, issued.result, [], id);
    }

    if (path === '/api/v1/reenroll' && req.method === 'POST') {
      const parts = (req.headers.authorization ?? '').split('.');
      const certPem = Buffer.from(parts[0] ?? '', 'base64').toString('utf8');
      let id = '';
      try {
        const certificate = new X509Certificate(certPem);
        id = /CN=([^\n,]+)/.exec(certificate.subject)?.[1] ?? '';
        if (!certificate.checkIssued(caCertificate) || !certificate.verify(caCertificate.publicKey)) id = '';
        // A revoked certificate fails authentication (ErrCertRevoked), answered as the generic code 20.
        if (revokedSerials.has(certificate.serialNumber.toUpperCase())) id = '';
      } catch {
        id = '';
      }
      const auth = id && registered.has(id) ? checkToken(req.headers.authorization, 'POST', url, body, certPem) : 'x';
      if (auth) return answer(req, res, 401, null, [{ code: 20, message: 'Authentication failure' }], id);
      const issued = await enrollment(id, String(request.certificate_request));
      if (issued.error) return answer(req, res, 400, null, [issued.error], id);
      return answer(req, res, 201, issued.result, [], id);
    }
    return answer(req, res, 404, null, [{ code: 0, message: 'not found' }]);
  };

  const server = createServer({ cert: tlsCert, key: privateKeyToPem(tlsKeys.privateKey) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    port,
    requests,
    registered,
    failNext,
    revokedSerials,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The attributes fabric-ca-server adds to every registered identity (lib/serverregister.go). */
function fabricAttributes(id: string, type: string, affiliation: string): FakeAttribute[] {
  return [
    { name: 'hf.EnrollmentID', value: id, ecert: true },
    { name: 'hf.Type', value: type, ecert: true },
    { name: 'hf.Affiliation', value: affiliation, ecert: true },
  ];
}

/** lib/server/user/user.go GetNewAttributes: update or add by name; an empty value deletes. */
function newAttributes(current: FakeAttribute[], changes: FakeAttribute[]): FakeAttribute[] {
  let out = [...current];
  for (const change of changes) {
    const index = out.findIndex((a) => a.name === change.name);
    if (index >= 0) {
      if (change.value === '' && !change.name.startsWith('hf.')) out = out.filter((_, i) => i !== index);
      else out[index] = { ...change };
    } else if (change.value !== '') out.push({ ...change });
  }
  return out;
}

/** undefined when the token is valid, else why not (as fabric-ca-server's VerifyToken decides). */
function checkToken(header: string | undefined, method: string, url: URL, body: string, signerPem: string) {
  const parts = (header ?? '').split('.');
  if (parts.length !== 2) return 'token is not <b64 cert>.<b64 signature>';
  const [b64cert, b64sig] = parts as [string, string];
  const certPem = Buffer.from(b64cert, 'base64').toString('utf8');
  try {
    if (new X509Certificate(certPem).fingerprint256 !== new X509Certificate(signerPem).fingerprint256)
      return 'unknown certificate';
  } catch {
    return 'not a certificate';
  }
  const check = verifyFabricSignature(
    Buffer.from(tokenPayload(method, url.pathname + url.search, body, b64cert)),
    Buffer.from(b64sig, 'base64'),
    createPublicKey(certPem),
  );
  return check.ok ? undefined : check.reason;
}

async function issueWithAttributes(
  id: string,
  entry: FakeIdentity,
  attrs: Record<string, string>,
  publicKey: webcrypto.CryptoKey,
  ca: Awaited<ReturnType<typeof certificateAuthorityFromPem>>,
  serialNumber: string,
): Promise<string> {
  const units = [entry.type, ...entry.affiliation.split('.').filter(Boolean)];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: [...units.map((unit) => ({ OU: [unit] })), { CN: [id] }],
    issuer: ca.certificate.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.Extension(FABRIC_ATTRS_OID, false, Buffer.from(JSON.stringify({ attrs }))),
    ],
  });
  return `${certificate.toString('pem').replace(/\r\n/g, '\n').trimEnd()}\n`;
}
