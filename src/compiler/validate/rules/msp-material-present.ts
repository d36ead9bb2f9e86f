// Every organization names its MSP material: a Fabric MSP folder (`msp.directory`), or its CA and TLS CA
// certificates (`msp.caCerts`, `msp.tlsCaCerts`). Without a CA certificate the channel config cannot hold the
// org's MSP, and without a TLS CA no other org can reach its nodes.
import type { Rule } from '../rule-context.js';
import { entriesOf, listOf } from './_spec-walk.js';

export const mspMaterialPresent: Rule = (ctx) => {
  for (const [org, spec] of entriesOf(ctx.spec.organizations)) {
    const msp = spec?.msp;
    if (!msp || typeof msp !== 'object' || typeof msp.directory === 'string') continue;
    const missing = [
      ...(listOf(msp.caCerts).length === 0 ? ['msp.caCerts'] : []),
      ...(listOf(msp.tlsCaCerts).length === 0 ? ['msp.tlsCaCerts'] : []),
    ];
    if (missing.length === 0) continue;
    ctx.report({
      code: 'NS_MSP_INCOMPLETE',
      message: `organization '${org}' names no ${missing.join(' and no ')}`,
      hint: 'give msp.directory (a Fabric MSP folder, as `netspec crypto` writes it) or msp.caCerts and msp.tlsCaCerts',
      at: ['organizations', org, 'msp'],
    });
  }
};
