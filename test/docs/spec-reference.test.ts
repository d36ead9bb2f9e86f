import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { renderSpecReference } from '../../scripts/build-spec-reference.mjs';
import { repoRoot } from '../helpers/run-cli.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/network.schema.json'), 'utf8'));

describe('docs/spec-reference.md', () => {
  it('is what the schema generates (run node scripts/build-spec-reference.mjs after a schema change)', () => {
    expect(readFileSync(join(repoRoot, 'docs/spec-reference.md'), 'utf8')).toBe(renderSpecReference(schema));
  });

  it('documents every top-level field and every object definition', () => {
    const reference = renderSpecReference(schema) as string;
    for (const field of Object.keys(schema.properties)) expect(reference).toContain(`| \`${field}\` |`);
    for (const [name, def] of Object.entries(schema.$defs) as [string, { properties?: object }][]) {
      if (def.properties) expect(reference).toContain(`## ${name}\n`);
    }
  });

  it("shows a definition's examples as YAML blocks before its fields", () => {
    const reference = renderSpecReference(schema) as string;
    const section = reference.slice(reference.indexOf('## channelOrderer\n'), reference.indexOf('## smartbft\n'));
    expect(section).toContain('Example:\n\n```yaml\n');
    expect(section).toContain('      type: BFT\n');
    expect(section.indexOf('```yaml')).toBeLessThan(section.indexOf('| field |'));
  });

  it('changes when the schema changes', () => {
    const changed = structuredClone(schema);
    changed.properties.name.description = 'A different description.';
    expect(renderSpecReference(changed)).not.toBe(renderSpecReference(schema));
  });
});
