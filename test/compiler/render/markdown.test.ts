import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/compiler/plan/plan.js';
import { PLAN_COMMENT_MARKER, renderMarkdown } from '../../../src/compiler/render/markdown.js';
import { renderMermaid } from '../../../src/compiler/render/mermaid.js';
import { quickstartPlanWithVotes, supplyChainPlan, withoutChanges } from './_example-plans.js';

/** The lines of the section that starts with `heading`, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** Cell count of a table row, as GFM splits it: on pipes not escaped with a backslash. */
function cellCount(row: string): number {
  return row.replace(/\\\|/g, '').split('|').length - 2;
}

/** Every table's rows have as many cells as its header: an unescaped pipe in user text would break this. */
function expectWellFormedTables(markdown: string): void {
  let columns: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    columns ??= cellCount(line);
    expect(cellCount(line), line).toBe(columns);
  }
}

describe('renderMarkdown on the supply-chain plan', () => {
  const { plan, model } = supplyChainPlan();
  const markdown = renderMarkdown(plan, model);

  it('starts with the marker a bot finds its comment by, then the network and the verdict', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe(PLAN_COMMENT_MARKER);
    expect(lines[1]).toBe('## netspec plan: `supply-chain`');
    // 2 channel updates, 2 chaincode definitions and 24 Kubernetes objects across the organizations' clusters.
    expect(markdown).toContain('**28 changes** to review');
    expect(markdown).toContain(`(sha256 \`${plan.specHash.slice(0, 12)}\`)`);
    expect(markdown).not.toContain('BLOCKED');
  });

  it('summarises channels and chaincode definitions in a table', () => {
    expect(markdown).toContain('| Fabric channels | 0 | 2 | 0 |');
    expect(markdown).toContain('| Chaincode definitions | 0 | 2 | 1 |');
    expect(markdown).not.toContain('Quorum networks');
    expectWellFormedTables(markdown);
  });

  it('shows each write with its sign, path, kind, versions and only the fields that change', () => {
    const production = section(markdown, '### ~ Channel `production`: update');
    expect(production).toContain(
      '| ~ | `/Channel/Orderer/BatchSize` | value | 0 → 1 | max\\_message\\_count: `100` → `500` |',
    );
    expect(production.join('\n')).toContain('Computed against live config sequence `0`');

    const distribution = section(markdown, '### ~ Channel `distribution`: update').join('\n');
    expect(distribution).toContain('RetailerMSP (Initech Retail) **(joins)**');
    expect(distribution).toContain('| ~ | `/Channel/Application` | group | 0 → 1 | + groups: `RetailerMSP` |');
    // Signature policies as policy text, implicit-meta as rule and sub-policy.
    expect(distribution).toContain(
      "| + | `/Channel/Application/RetailerMSP/Admins` | policy | ∅ → 0 | `OR('RetailerMSP.admin')` |",
    );
    expect(distribution).toContain(
      "`MAJORITY Endorsement` → `OutOf(2, 'ManufacturerMSP.peer', 'DistributorMSP.peer', 'RetailerMSP.peer')`",
    );
    // Only the ACL whose policy changes, not the whole table of 19 resources.
    expect(distribution).toContain(
      'qscc/GetBlockByNumber: `/Channel/Application/Readers` → `/Channel/Application/Writers`',
    );
    expect(distribution).not.toContain('_lifecycle/CommitChaincodeDefinition');
  });

  it('summarises an MSP and lists its CA certificates in a collapsed section, never the raw base64', () => {
    const distribution = section(markdown, '### ~ Channel `distribution`: update').join('\n');
    expect(distribution).toContain('`MSP RetailerMSP (1 root CA, 1 TLS root CA, NodeOUs)`<br>details below');
    expect(distribution).toContain('<summary><code>/Channel/Application/RetailerMSP/MSP</code> (add)</summary>');
    expect(distribution).toMatch(
      /\+ root CA: CN=ca\.retailer\.supply\.example\.com, O=retailer\.supply\.example\.com; SHA-256 [0-9A-F:]{23}…/,
    );
    expect(markdown).not.toContain('LS0tLS1CRUdJTi');
  });

  it('lists who must sign each policy, with a checkbox per organization that can sign', () => {
    const signing = section(markdown, '### ~ Channel `distribution`: update');
    const who = signing.slice(signing.indexOf('#### Who must sign'));
    expect(who).toContain(
      '- `/Channel/Application/Admins: MAJORITY of {DistributorMSP, ManufacturerMSP} admins -> 2 of 2`  ',
    );
    expect(who).toContain('  - [ ] DistributorMSP (Globex Logistics)');
    expect(who).toContain('  - [ ] ManufacturerMSP (Acme Manufacturing)');
    // The joining org is not yet a member: its signature cannot count.
    expect(who.join('\n')).not.toContain('[ ] RetailerMSP');
    const production = section(markdown, '### ~ Channel `production`: update');
    expect(production).toContain('  - [ ] OperatorMSP (Supply Chain Operator)');
  });

  it('lists chaincode upgrades and their approvals, then the commit and its requirement', () => {
    const chaincodes = section(markdown, '## Chaincode definitions');
    expect(chaincodes).toContain(
      '| `production` | `product-registry` | `1.1` · seq 1 | `1.2` · seq 2 | ~ upgrade | version 1.1 → 1.2<br>sequence 1 → 2 |',
    );
    expect(chaincodes).toContain('1 other definition unchanged.');
    const text = chaincodes.join('\n');
    expect(text).toContain('3. [ ] RetailerMSP (Initech Retail) approves the definition');
    expect(text).toContain(
      '4. [ ] commit, endorsed by peers of ManufacturerMSP, DistributorMSP, RetailerMSP; needs `/Channel/Application/LifecycleEndorsement: MAJORITY of {DistributorMSP, ManufacturerMSP, RetailerMSP} endorsement -> 2 of 3`',
    );
    expect(text).not.toContain('quality-cert');
  });

  it('embeds the consortium diagram with the plan marked', () => {
    const diagram = section(markdown, '## Consortium');
    const body = diagram.slice(
      diagram.indexOf('```mermaid') + 1,
      diagram.indexOf('```', diagram.indexOf('```mermaid') + 1),
    );
    expect(`${body.join('\n')}\n`).toBe(renderMermaid(model, plan));
  });

  it('ends with one sign command per organization that must sign', () => {
    const next = section(markdown, '## Next steps').join('\n');
    for (const mspId of ['DistributorMSP', 'ManufacturerMSP', 'OperatorMSP']) {
      expect(next).toContain(`netspec sign <bundle> --msp-id ${mspId} --cert <admin-cert.pem> --key <admin-key.pem>`);
    }
    expect(next).not.toContain('--msp-id RetailerMSP');
    expect(next).toContain('`netspec verify <bundle>`');
  });

  it('is deterministic and depends only on the plan as data', () => {
    const again = supplyChainPlan();
    expect(renderMarkdown(again.plan, again.model)).toBe(markdown);
    const roundTripped = JSON.parse(JSON.stringify(plan)) as Plan;
    expect(renderMarkdown(roundTripped, model)).toBe(markdown);
  });
});

describe('renderMarkdown escapes user strings', () => {
  it('keeps pipes and emphasis in names and versions from breaking tables or formatting', () => {
    const { plan, model } = supplyChainPlan();
    const chaincodes = plan.chaincodes.map((c) =>
      c.name === 'product-registry' ? { ...c, desired: { ...c.desired, version: '1.2|rc`1' } } : c,
    );
    const organizations = model.organizations.map((o) =>
      o.name === 'manufacturer' ? { ...o, displayName: 'Acme | *Manufacturing* <b>' } : o,
    );
    const markdown = renderMarkdown({ ...plan, chaincodes }, { ...model, organizations });
    expect(markdown).toContain('| ``1.2\\|rc`1`` · seq 2 |');
    expect(markdown).toContain('- [ ] ManufacturerMSP (Acme \\| \\*Manufacturing\\* \\<b\\>)');
    expect(markdown).not.toContain('<b>');
    expectWellFormedTables(markdown);
  });
});

describe('renderMarkdown on a blocked plan', () => {
  const { plan, model } = supplyChainPlan();
  const specText = readFileSync('networks/supply-chain/network.yaml', 'utf8');
  const offset = specText.indexOf('channels:');
  const blocked: Plan = {
    ...plan,
    guards: [
      {
        target: 'production',
        diagnostic: {
          code: 'NS_GUARD_CONSENTERS_EVEN',
          severity: 'error',
          message: "channel 'production' would have 4 Raft consenters",
          hint: 'add or remove one more consenter',
          ranges: [{ file: 'networks/supply-chain/network.yaml', start: offset, end: offset + 8 }],
        },
      },
      {
        target: 'distribution',
        diagnostic: {
          code: 'NS_GUARD_CAPABILITY_DOWNGRADE',
          severity: 'warning',
          message: "channel 'distribution' lowers its application capability (allowed by the spec)",
          ranges: [],
        },
      },
    ],
    summary: { ...plan.summary, blocked: true },
  };
  const sources = { get: (file: string) => (file === 'networks/supply-chain/network.yaml' ? specText : undefined) };
  const markdown = renderMarkdown(blocked, model, { sources });

  it('says BLOCKED and puts the blocking guards before the summary', () => {
    expect(markdown.split('\n')[3]).toContain('**BLOCKED by 1 safety guard**');
    const guards = markdown.indexOf('## ⛔ Blocking safety guards');
    expect(guards).toBeGreaterThan(0);
    expect(guards).toBeLessThan(markdown.indexOf('| Fabric channels |'));
  });

  it('gives each finding its code, position, message, hint and how to allow it', () => {
    const line = specText.slice(0, offset).split('\n').length;
    const guards = markdown.slice(
      markdown.indexOf('## ⛔ Blocking safety guards'),
      markdown.indexOf('| Fabric channels |'),
    );
    expect(guards).toContain(
      `- **\`NS_GUARD_CONSENTERS_EVEN\`** on \`production\` at \`networks/supply-chain/network.yaml:${line}:1\`: channel 'production' would have 4 Raft consenters`,
    );
    expect(guards).toContain('  add or remove one more consenter');
    expect(guards).toContain('To allow it: `allow: [NS_GUARD_CONSENTERS_EVEN]` in network.yaml.');
    expect(guards).toContain('```yaml\nallow:\n  - NS_GUARD_CONSENTERS_EVEN\n```');
    expect(guards).not.toContain('NS_GUARD_CAPABILITY_DOWNGRADE');
  });

  it('lists allowed findings as warnings after the summary', () => {
    const warning = markdown.indexOf('> [!WARNING]');
    expect(warning).toBeGreaterThan(markdown.indexOf('| Fabric channels |'));
    expect(markdown).toContain(
      "- **`NS_GUARD_CAPABILITY_DOWNGRADE`** on `distribution`: channel 'distribution' lowers",
    );
    expect(markdown).toContain('Safety guards: 1 blocking, 1 allowed by the spec.');
  });

  it('offers no sign command while blocked', () => {
    expect(section(markdown, '## Next steps').join('\n')).toContain('Nothing can be signed while the plan is blocked');
    expect(markdown).not.toContain('netspec sign');
  });

  it('names only the file when it has no source text (a guessed 1:1 would mislead)', () => {
    const withoutSources = renderMarkdown(blocked, model);
    expect(withoutSources).toContain('on `production` at `networks/supply-chain/network.yaml`: channel');
  });
});

describe('renderMarkdown on a plan without changes', () => {
  const { plan, model } = supplyChainPlan();
  const markdown = renderMarkdown(withoutChanges(plan), model);

  it('says so and asks nobody to sign', () => {
    expect(markdown).toContain('✅ **No changes.**');
    expect(markdown).toContain('| Fabric channels | 0 | 0 | 2 |');
    expect(markdown).toContain('Unchanged: `production` (sequence 0), `distribution` (sequence 0).');
    expect(markdown).toContain('All 3 chaincode definitions match what is committed.');
    expect(markdown).not.toContain('Who must sign');
    expect(markdown).not.toContain('netspec sign');
    expect(markdown).not.toContain('classDef');
    expect(section(markdown, '## Next steps')).toContain('Nothing to sign or apply.');
  });
});

describe('renderMarkdown on a new channel and Quorum votes (quickstart)', () => {
  const { plan, model, unknownValidator } = quickstartPlanWithVotes();
  const markdown = renderMarkdown(plan, model);

  it('describes the new channel from its genesis block, with nothing to sign', () => {
    const invoices = section(markdown, '### \\+ Channel `invoices`: create').join('\n');
    expect(invoices).toContain('`fabric/invoices/genesis.block`');
    expect(invoices).toContain('| Raft consenters | 3 consenters: orderer0.alpha.quickstart.example.com:7050');
    expect(invoices).not.toContain('Who must sign');
  });

  it('lists each validator vote with owner, n and f before and after', () => {
    const votes = section(markdown, '### ~ Quorum `payments`: validator votes (besu, qbft, chain id 1337)');
    const added = plan.quorum[0]!.votes!.steps[0]!;
    expect(votes).toContain(`| 1 | \\+ add | \`${added.address}\` (validator3) | gamma | 4 → 5 | 1 → 1 | — |`);
    expect(votes).toContain(`| 2 | - remove | \`${unknownValidator}\` | unknown | 5 → 4 | 1 → 1 | — |`);
    expect(markdown).toContain('| Quorum networks | 0 | 1 (2 validator votes) | 0 |');
  });

  it('shows the guard the two-vote plan trips', () => {
    expect(plan.guards.map((g) => g.diagnostic.code)).toContain('NS_GUARD_QUORUM_MULTIPLE_CHANGES');
    expect(markdown).toContain('To allow it: `allow: [NS_GUARD_QUORUM_MULTIPLE_CHANGES]` in network.yaml.');
    expectWellFormedTables(markdown);
  });
});
