// Generates docs/spec-reference.md from schema/network.schema.json: one table per object, one list of value
// formats. The schema is the single source; a test fails when the committed reference is out of date.
// Usage: node scripts/build-spec-reference.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_FILE = `${root}schema/network.schema.json`;
export const REFERENCE_FILE = `${root}docs/spec-reference.md`;

/** The markdown reference for a schema (pure: same schema, same text). */
export function renderSpecReference(schema) {
  const defs = schema.$defs ?? {};
  const objects = Object.entries(defs).filter(([, def]) => def.type === 'object' && def.properties);
  const formats = Object.entries(defs).filter(([, def]) => def.type !== 'object' || !def.properties);
  const lines = [
    '# network.yaml reference',
    '',
    '<!-- Generated from schema/network.schema.json by scripts/build-spec-reference.mjs: do not edit by hand. -->',
    '',
    schema.description ?? '',
    '',
    '## Top level',
    '',
    ...table(schema),
  ];
  for (const [name, def] of objects) {
    lines.push('', `## ${name}`, '', def.description ?? '', '');
    // A definition may carry YAML examples (the schema's `examples` annotation, as text): shown before its fields.
    for (const example of def.examples ?? []) lines.push('Example:', '', '```yaml', ...example.split('\n'), '```', '');
    lines.push(...table(def));
  }
  lines.push('', '## Value formats', '', '| format | meaning |', '| --- | --- |');
  for (const [name, def] of formats)
    lines.push(`| <a id="${name.toLowerCase()}"></a>\`${name}\` | ${cell(describeFormat(def))} |`);
  return `${lines.join('\n')}\n`;
}

function table(def) {
  const required = new Set(def.required ?? []);
  const rows = ['| field | type | required | description |', '| --- | --- | --- | --- |'];
  for (const [field, property] of Object.entries(def.properties ?? {})) {
    rows.push(
      `| \`${field}\` | ${typeOf(property)} | ${required.has(field) ? 'yes' : ''} | ${cell(property.description ?? '')} |`,
    );
  }
  return rows;
}

function typeOf(property) {
  if (property.$ref) return link(property.$ref);
  if (property.const !== undefined) return `\`${JSON.stringify(property.const)}\``;
  if (property.enum) return property.enum.map((value) => `\`${value}\``).join(' \\| ');
  if (property.anyOf || property.oneOf) return (property.anyOf ?? property.oneOf).map(typeOf).join(' or ');
  if (property.type === 'array') return `list of ${property.items ? typeOf(property.items) : 'values'}`;
  if (
    property.type === 'object' &&
    property.additionalProperties &&
    typeof property.additionalProperties === 'object'
  ) {
    return `map of ${typeOf(property.additionalProperties)}`;
  }
  return property.type ? String(property.type) : 'value';
}

function link(ref) {
  const name = ref.split('/').pop();
  return `[${name}](#${name.toLowerCase()})`;
}

function describeFormat(def) {
  const parts = [def.description ?? ''];
  if (def['x-expected']) parts.push(`Expected: ${def['x-expected']}.`);
  if (def.enum) parts.push(`One of ${def.enum.map((v) => `\`${v}\``).join(', ')}.`);
  return parts.filter(Boolean).join(' ');
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderSpecReference(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  if (process.argv.includes('--check')) {
    if (readFileSync(REFERENCE_FILE, 'utf8') !== text) {
      console.error('docs/spec-reference.md is out of date: run node scripts/build-spec-reference.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(REFERENCE_FILE, text);
  }
}
