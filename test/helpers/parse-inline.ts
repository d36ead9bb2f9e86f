// Tests write specs as inline YAML strings; this turns one into a ParsedSpec the way `netspec validate` would.
// The common indentation of the template literal is removed, so line:col in assertions match the text as shown.
import { type Diagnostic, positionOf } from '../../src/compiler/diagnostics/index.js';
import { type ParsedSpec, parseYaml } from '../../src/compiler/parse/index.js';

/** Parses inline YAML; a YAML mistake in a test's own input fails loudly instead of passing silently. */
export function parseInline(yaml: string, file = 'network.yaml'): ParsedSpec {
  const text = dedent(yaml);
  const result = parseYaml(file, text);
  if (!result.value || result.diagnostics.length > 0) {
    const found = result.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ');
    throw new Error(`test input is not a parseable spec: ${found || 'no value'}`);
  }
  return result.value;
}

/** `line:col` (1-based) of a diagnostic's primary range, or of its `index`-th range. */
export function lineColOf(parsed: ParsedSpec, diagnostic: Diagnostic, index = 0): string {
  const range = diagnostic.ranges[index];
  if (!range) return '<none>';
  const { line, column } = positionOf(parsed.text, range.start);
  return `${line}:${column}`;
}

/** Drops a leading blank line and the indentation every non-blank line shares. */
export function dedent(yaml: string): string {
  const lines = yaml.replace(/^[ \t]*\r?\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines
    .map((line) => line.slice(Math.min(common, line.length - line.trimStart().length)))
    .join('\n')
    .replace(/[ \t]+$/, '');
}
