// Certification chains as Fabric's MSP builds them (msp/mspimpl.go getUniqueValidationChain, getValidationChain,
// getCertifiersIdentifier; msp/mspimplsetup.go for the certification tree): Go's x509 Verify over the MSP's roots
// and intermediates, at the certificate's own NotBefore + 1 s (getValidityOptsForCert), so the clock of the
// machine never decides; exactly one chain must exist.
import { createHash } from 'node:crypto';
import { isSignedBy } from '../crypto/certificate-facts.js';
import type { Certificate } from '../crypto/read-certificate.js';
import type { ChannelMsp } from './channel-msps.js';

/** The moment Fabric validates `certificate` at: its NotBefore plus one second. */
export function fabricValidationTime(certificate: Certificate): number {
  return certificate.notBefore + 1000;
}

/**
 * Every chain [certificate, issuer, ..., root] Go's Verify finds at `at` (ms since the epoch). Remembered per
 * certificate, MSP and time: deserializing an identity and validating it both need its chains, as do its CRLs.
 */
export function validationChains(certificate: Certificate, msp: ChannelMsp, at: number): Certificate[][] {
  const byMsp = foundChains.get(certificate) ?? new WeakMap<ChannelMsp, Map<number, Certificate[][]>>();
  foundChains.set(certificate, byMsp);
  const byTime = byMsp.get(msp) ?? new Map<number, Certificate[][]>();
  byMsp.set(msp, byTime);
  let chains = byTime.get(at);
  if (!chains) {
    chains = findChains(certificate, msp, at);
    byTime.set(at, chains);
  }
  return chains.map((chain) => [...chain]);
}

const foundChains = new WeakMap<Certificate, WeakMap<ChannelMsp, Map<number, Certificate[][]>>>();

function findChains(certificate: Certificate, msp: ChannelMsp, at: number): Certificate[][] {
  const roots = unique(msp.roots);
  const intermediates = unique(msp.intermediates).filter((cert) => !roots.some((root) => root.raw.equals(cert.raw)));
  const chains: Certificate[][] = [];
  const extend = (chain: Certificate[]) => {
    const current = chain[chain.length - 1]!;
    if (!validAt(current, at)) return;
    for (const root of roots)
      if (!chain.some((c) => c.raw.equals(root.raw)) && validAt(root, at) && isSignedBy(current, root))
        chains.push([...chain, root]);
    for (const next of intermediates) {
      // Go refuses an intermediate that is not a CA, and never puts a certificate twice in one chain.
      if (!next.ca || chain.some((c) => c.raw.equals(next.raw)) || !isSignedBy(current, next)) continue;
      extend([...chain, next]);
    }
  };
  extend([certificate]);
  return chains;
}

/**
 * The CA certificates that issued one of the MSP's intermediates: Fabric's "internal nodes of the certification
 * tree". An identity issued directly by one of them is not valid (only leaves of the CA tree issue identities).
 */
export function internalNodes(msp: ChannelMsp): Certificate[] {
  const nodes: Certificate[] = [];
  for (const intermediate of msp.intermediates) {
    const chains = validationChains(intermediate, msp, fabricValidationTime(intermediate));
    if (chains.length !== 1) continue;
    for (const cert of chains[0]!.slice(1)) if (!nodes.some((n) => n.raw.equals(cert.raw))) nodes.push(cert);
  }
  return nodes;
}

/** SHA-256 of the concatenated DER of a chain: Fabric's certification chain identifier. */
export function chainIdentifier(chain: readonly Certificate[]): string {
  const hash = createHash('sha256');
  for (const cert of chain) hash.update(cert.raw);
  return hash.digest('hex');
}

/**
 * The certifiers identifier of an OU bound to `certificate`: the identifier of the chain from that CA to its root.
 * Undefined when the certificate is none of the MSP's CAs (Fabric refuses such an MSP config at setup).
 */
export function certifiersIdentifier(certificate: Certificate, msp: ChannelMsp): string | undefined {
  if (msp.roots.some((root) => root.raw.equals(certificate.raw))) return chainIdentifier([certificate]);
  if (!msp.intermediates.some((cert) => cert.raw.equals(certificate.raw))) return undefined;
  const chains = validationChains(certificate, msp, fabricValidationTime(certificate));
  if (chains.length !== 1) return undefined;
  if (internalNodes(msp).some((node) => node.raw.equals(certificate.raw))) return undefined;
  return chainIdentifier(chains[0]!);
}

function validAt(certificate: Certificate, at: number): boolean {
  return at >= certificate.notBefore && at <= certificate.notAfter;
}

function unique(certificates: readonly Certificate[]): Certificate[] {
  return certificates.filter((cert, index) => certificates.findIndex((other) => other.raw.equals(cert.raw)) === index);
}
