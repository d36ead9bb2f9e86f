// The one place @peculiar/x509 is loaded: it needs reflect-metadata before its first import and a WebCrypto
// provider; Node's own webcrypto is that provider. Private module: other stages use node:crypto to read certs.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export { x509 };
