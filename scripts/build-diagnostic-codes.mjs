// Generates docs/diagnostic-codes.md from src/compiler/diagnostics/codes.ts: the catalogue's groups (its comment
// lines) and every code with its one-line meaning. The catalogue is the single source; a test fails when the
// committed page is out of date or names a code the catalogue does not hold.
// Usage: node scripts/build-diagnostic-codes.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CODES_FILE = `${root}src/compiler/diagnostics/codes.ts`;
export const CODES_PAGE = `${root}docs/diagnostic-codes.md`;

/**
 * The catalogue as written: groups in order, each with its codes and meanings. Read from the source text (a build
 * script cannot import TypeScript); the test holds the result against the catalogue object itself.
 */
export function readCatalogue(source) {
  const body = source.slice(source.indexOf('DIAGNOSTIC_CODES = {'), source.indexOf('} as const;'));
  const groups = [];
  const entry = /^ {2}(NS_[A-Z0-9_]+):\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/gm;
  const heading = /^ {2}\/\/ (.+)$/gm;
  const marks = [
    ...[...body.matchAll(heading)].map((m) => ({ at: m.index, heading: m[1] })),
    ...[...body.matchAll(entry)].map((m) => ({ at: m.index, code: m[1], meaning: unquote(m[2]) })),
  ].sort((a, b) => a.at - b.at);
  for (const mark of marks) {
    if (mark.heading !== undefined) {
      // A heading comment may run over several lines: one group, its lines joined.
      const last = groups.at(-1);
      if (last && last.codes.length === 0) last.heading += ` ${mark.heading}`;
      else groups.push({ heading: mark.heading, codes: [] });
    } else {
      if (groups.length === 0) groups.push({ heading: 'general', codes: [] });
      groups.at(-1).codes.push({ code: mark.code, meaning: mark.meaning });
    }
  }
  return groups;
}

/** The markdown page for the catalogue source (pure: same source, same text). */
export function renderDiagnosticCodes(source) {
  const lines = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/compiler/diagnostics/codes.ts by scripts/build-diagnostic-codes.mjs: do not edit by hand. -->',
    '',
    'Every finding netspec reports carries one code of this catalogue: `validate` and `plan` on the spec, `verify`',
    'and `sign` on a bundle and its signatures, every `apply` target on the live network. A terminal shows',
    '`file:line:col severity CODE message` (a hint on the next line); `--format json` gives each finding as',
    '`{ code, severity, message, hint?, ... }`, and the verify report carries its problems and warnings in that',
    "shape. Scripts match the code, never the message. A spec's `allow` list names codes of the safety guards.",
    'A finding keeps its own code wherever it is found: verify refusing a spec that does not load reports the',
    "spec's code, and a safety guard refusing an update's bytes the guard's. A code, once published, keeps its",
    'meaning. See also the [spec reference](spec-reference.md).',
  ];
  for (const group of readCatalogue(source)) {
    lines.push('', `## ${capitalize(group.heading)}`, '', '| code | meaning |', '| --- | --- |');
    for (const { code, meaning } of group.codes)
      lines.push(`| <a id="${code.toLowerCase()}"></a>\`${code}\` | ${cell(meaning)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function unquote(literal) {
  if (literal.startsWith('"')) return JSON.parse(literal);
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = renderDiagnosticCodes(readFileSync(CODES_FILE, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(CODES_PAGE, 'utf8') !== text) {
      console.error('docs/diagnostic-codes.md is out of date: run node scripts/build-diagnostic-codes.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(CODES_PAGE, text);
  }
}
