// Markdown building blocks that keep user strings inert: a spec's names, display names and versions are user
// input, and a stray `|`, `*` or `<` must neither break a table nor inject formatting into a PR comment.

/**
 * Plain text in running markdown, never at the start of a line: the characters GitHub could read as inline
 * syntax are backslash-escaped (parentheses are harmless once `[` and `]` are).
 */
export function escapeText(text: string): string {
  // Most names need nothing: plan.md names every approver of every chaincode, thousands of them in a consortium.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

const NEEDS_ESCAPE = /[\\`*_[\]<>#|~\n]/;

/**
 * An inline code span. GFM ends a span at a backtick run of the same length, so the fence is one longer than
 * the longest run inside. Pipes are escaped too: GFM splits table cells before it parses code spans.
 */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A table row from cells that are already markdown (escaped by escapeText or code). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`;
}

export function table(
  header: readonly string[],
  align: readonly ('l' | 'r' | 'c')[],
  rows: readonly string[][],
): string[] {
  const rule = align.map((a) => (a === 'r' ? '---:' : a === 'c' ? ':---:' : '---'));
  return [tableRow(header), tableRow(rule), ...rows.map(tableRow)];
}

/**
 * A fenced block whose fence outlasts any backtick run inside, so user content cannot close it early.
 */
export function fenced(language: string, body: string): string[] {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, ...body.split('\n'), fence];
}

/** A collapsed section; a blank line after <summary> lets GitHub render the markdown inside. */
export function details(summary: string, body: readonly string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** First 12 hex digits: enough to tell hashes apart by eye, as git's short ids do. */
export function shortHash(hex: string): string {
  return hex.slice(0, 12);
}
