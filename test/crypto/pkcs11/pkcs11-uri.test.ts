// RFC 7512 URIs as netspec reads them, and where the PIN may come from.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPkcs11Uri, type Pkcs11Uri, parsePkcs11Uri, tokenPin } from '../../../src/crypto/pkcs11/index.js';

function parsed(text: string): Pkcs11Uri {
  const result = parsePkcs11Uri(text);
  if ('error' in result) throw new Error(result.error);
  return result.uri;
}

describe('parsePkcs11Uri', () => {
  it('reads path and query attributes, percent-decoded, with id as bytes', () => {
    const uri = parsed(
      'pkcs11:token=Org1%20CI;object=admin;type=private;id=%01%a2?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:///run/pin',
    );
    expect(uri.path).toEqual({ token: 'Org1 CI', object: 'admin', type: 'private' });
    expect([...uri.id!]).toEqual([0x01, 0xa2]);
    expect(uri.query).toEqual({ 'module-path': '/usr/lib/softhsm/libsofthsm2.so', 'pin-source': 'file:///run/pin' });
    // What a message may show: the path, never the query (it could hold a PIN).
    expect(uri.display).toBe('pkcs11:token=Org1%20CI;object=admin;type=private;id=%01%a2');
  });

  it('refuses what it cannot read, without echoing the query', () => {
    const error = (text: string) => {
      const result = parsePkcs11Uri(text);
      return 'error' in result ? result.error : undefined;
    };
    expect(error('pkcs11:token=a;colour=blue')).toBe(
      "pkcs11:token=a;colour=blue: 'colour' is not a path attribute of RFC 7512 netspec knows",
    );
    expect(error('pkcs11:token=a;token=b')).toBe("pkcs11:token=a;token=b: the path attribute 'token' appears twice");
    expect(error('pkcs11:object=%zz')).toBe(
      "pkcs11:object=%zz: the value of 'object' has a malformed percent-encoding",
    );
    expect(error('pkcs11:object=a?pin=1234')).toBe(
      "pkcs11:object=a: 'pin' is not a query attribute of RFC 7512 netspec knows",
    );
    expect(error('pkcs11:object=a;type=secret')).toBe(
      'pkcs11:object=a;type=secret: type=secret is not an object type of RFC 7512',
    );
    expect(error('pkcs11:slot-id=zero')).toBe('pkcs11:slot-id=zero: slot-id must be a decimal number');
    expect(error('/keys/admin.pem')).toBe("a PKCS#11 URI starts with 'pkcs11:'");
  });

  it('tells a URI from a key file path', () => {
    expect(isPkcs11Uri('pkcs11:object=admin')).toBe(true);
    expect(isPkcs11Uri('PKCS11:object=admin')).toBe(true);
    expect(isPkcs11Uri('./pkcs11:object')).toBe(false);
    expect(isPkcs11Uri('keystore/priv_sk')).toBe(false);
  });
});

describe('tokenPin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netspec-pin-'));
  const pinFile = join(dir, 'pin');
  writeFileSync(pinFile, '1234\n');

  it('reads pin-source (a file URI or a path) before NETSPEC_PKCS11_PIN, without its trailing newline', () => {
    const env = { NETSPEC_PKCS11_PIN: '9999' };
    expect(tokenPin(parsed(`pkcs11:object=a?pin-source=${pathToFileURL(pinFile).href}`), env)).toEqual({ pin: '1234' });
    expect(tokenPin(parsed(`pkcs11:object=a?pin-source=${pinFile}`), env)).toEqual({ pin: '1234' });
    expect(tokenPin(parsed('pkcs11:object=a'), env)).toEqual({ pin: '9999' });
    expect(tokenPin(parsed('pkcs11:object=a'), {})).toEqual({ none: true });
  });

  it('refuses pin-value, a command and a missing file, naming no PIN', () => {
    const pinValue = tokenPin(parsed('pkcs11:object=a?pin-value=1234'), {});
    expect(pinValue).toEqual({
      error:
        'pkcs11:object=a: pin-value puts the PIN on the command line, where every user of this machine can read it; ' +
        'name a file holding it with pin-source=file:/path, or set NETSPEC_PKCS11_PIN',
    });
    expect(tokenPin(parsed('pkcs11:object=a?pin-source=|/usr/bin/getpin'), {})).toEqual({
      error:
        'pkcs11:object=a: netspec does not run a command to read the PIN (pin-source=|...); put it in a file or NETSPEC_PKCS11_PIN',
    });
    expect(tokenPin(parsed(`pkcs11:object=a?pin-source=${join(dir, 'absent')}`), {})).toEqual({
      error: `pkcs11:object=a: the PIN file ${join(dir, 'absent')} (pin-source) does not exist or cannot be read`,
    });
  });
});
