// A local Fabric CA for tests, over HTTPS, implementing the two endpoints netspec calls the way fabric-ca-server
// does: POST /api/v1/register authenticated by a token that is really verified (the registrar's certificate
// must be the one it knows, the ECDSA signature must cover method.b64(uri).b64(body).b64(cert)), and
// POST /api/v1/enroll with basic auth and a PKCS#10 CSR, answered with a certificate issued by a real test CA
// (the supply-chain example's demo CA) carrying the registered attributes the way Fabric CA does.
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

export interface FakeCaOptions {
  caName: string;
  caCertPem: string;
  caKeyPem: string;
  tlsCaCertPem: string;
  tlsCaKeyPem: string;
  /** The CA admin's certificate: the only registrar this CA accepts. */
  registrarCertPem: string;
  /** Ids registered before the test starts. */
  existing?: string[];
}

export interface FakeCaRequest {
  path: string;
  status: number;
  id?: string;
}

export interface FakeFabricCa {
  url: string;
  port: number;
  requests: FakeCaRequest[];
  registered: Map<string, { type: string; affiliation: string; attrs: { name: string; value: string }[] }>;
  close(): Promise<void>;
}

export async function startFakeFabricCa(options: FakeCaOptions): Promise<FakeFabricCa> {
  const ca = certificateAuthorityFromPem(options.caCertPem, await privateKeyFromPem(options.caKeyPem));
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
  const secrets = new Map<string, string>();
  const registered: FakeFabricCa['registered'] = new Map();
  for (const id of options.existing ?? []) {
    secrets.set(id, 'unknown-to-netspec');
    registered.set(id, { type: 'client', affiliation: '', attrs: [] });
  }
  const requests: FakeCaRequest[] = [];

  const answer = (
    res: ServerResponse,
    path: string,
    status: number,
    result: unknown,
    errors: object[] = [],
    id?: string,
  ) => {
    requests.push({ path, status, ...(id ? { id } : {}) });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: errors.length === 0, result, errors, messages: [] }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = req.url ?? '';
    if (req.method !== 'POST') return answer(res, path, 405, null, [{ code: 0, message: 'method not allowed' }]);
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body);
    } catch {
      return answer(res, path, 400, null, [{ code: 0, message: 'body is not JSON' }]);
    }
    if (request.caname !== options.caName)
      return answer(res, path, 400, null, [{ code: 19, message: `CA '${request.caname}' does not exist` }]);

    if (path === '/api/v1/register') {
      const auth = checkToken(req.headers.authorization, 'POST', path, body, options.registrarCertPem);
      if (auth) return answer(res, path, 401, null, [{ code: 20, message: `Authentication failure: ${auth}` }]);
      const id = String(request.id);
      if (registered.has(id))
        return answer(res, path, 500, null, [{ code: 74, message: `Identity '${id}' is already registered` }], id);
      const attrs = (request.attrs as { name: string; value: string }[] | undefined) ?? [];
      if (attrs.some((a) => a.name.startsWith('hf.')))
        return answer(res, path, 401, null, [{ code: 40, message: 'Registrar may not register hf. attributes' }], id);
      const secret = `secret-${id}-${Math.random().toString(36).slice(2)}`;
      secrets.set(id, secret);
      registered.set(id, { type: String(request.type), affiliation: String(request.affiliation), attrs });
      return answer(res, path, 201, { secret }, [], id);
    }

    if (path === '/api/v1/enroll') {
      const [scheme, encoded = ''] = (req.headers.authorization ?? '').split(' ');
      const [id = '', secret] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      if (scheme !== 'Basic' || !secrets.has(id) || secrets.get(id) !== secret)
        return answer(res, path, 401, null, [{ code: 20, message: 'Authentication failure' }], id);
      const csr = new x509.Pkcs10CertificateRequest(String(request.certificate_request));
      if (!(await csr.verify())) return answer(res, path, 400, null, [{ code: 0, message: 'bad CSR signature' }], id);
      const entry = registered.get(id)!;
      const attrs = Object.fromEntries(entry.attrs.map((a) => [a.name, a.value]));
      const publicKey = await csr.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify'], webcrypto);
      const leaf = await issueWithAttributes(id, entry.type, attrs, publicKey, ca);
      return answer(
        res,
        path,
        201,
        {
          Cert: Buffer.from(leaf).toString('base64'),
          ServerInfo: { CAName: options.caName, CAChain: Buffer.from(options.caCertPem).toString('base64') },
        },
        [],
        id,
      );
    }
    return answer(res, path, 404, null, [{ code: 0, message: 'not found' }]);
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** undefined when the token is valid, else why not (as fabric-ca-server's VerifyToken decides). */
function checkToken(header: string | undefined, method: string, uri: string, body: string, registrarPem: string) {
  const parts = (header ?? '').split('.');
  if (parts.length !== 2) return 'token is not <b64 cert>.<b64 signature>';
  const [b64cert, b64sig] = parts as [string, string];
  const certPem = Buffer.from(b64cert, 'base64').toString('utf8');
  if (new X509Certificate(certPem).fingerprint256 !== new X509Certificate(registrarPem).fingerprint256)
    return 'unknown registrar certificate';
  const check = verifyFabricSignature(
    Buffer.from(tokenPayload(method, uri, body, b64cert)),
    Buffer.from(b64sig, 'base64'),
    createPublicKey(certPem),
  );
  return check.ok ? undefined : check.reason;
}

async function issueWithAttributes(
  id: string,
  type: string,
  attrs: Record<string, string>,
  publicKey: webcrypto.CryptoKey,
  ca: Awaited<ReturnType<typeof certificateAuthorityFromPem>>,
): Promise<string> {
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: '01a2b3',
    subject: [{ OU: [type] }, { CN: [id] }],
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
