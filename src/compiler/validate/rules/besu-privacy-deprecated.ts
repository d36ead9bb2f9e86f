// Tessera privacy under Besu is warned about: Besu has deprecated its private transaction support (Tessera
// integration), so a network that starts on it builds on a feature with no future there.
import type { Rule } from '../rule-context.js';
import { entriesOf } from './_spec-walk.js';

export const besuPrivacyDeprecated: Rule = (ctx) => {
  for (const [network, spec] of entriesOf(ctx.spec.quorum)) {
    if ((spec?.client ?? 'besu') !== 'besu' || spec?.privacy !== true) continue;
    ctx.report({
      code: 'NS_BESU_PRIVACY_DEPRECATED',
      message: `quorum network '${network}' turns on Tessera privacy under Besu, which Besu has deprecated`,
      hint: 'keep private data off-chain or in a separate network; plan for privacy: false',
      severity: 'warning',
      at: ['quorum', network, 'privacy'],
    });
  }
};
