// A unified diff of two small texts (a network.yaml before and after an edit), for the reviewer to see exactly what
// the commit will change. Longest common subsequence over lines: a spec has hundreds of lines, not millions.

export function unifiedDiff(before: string, after: string, file: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const lines: { kind: ' ' | '-' | '+'; text: string; a: number; b: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ kind: ' ', text: a[i++]!, a: i, b: ++j });
    // Removed lines first, as diff prints them.
    else if (i < a.length && (j === b.length || lengths[i + 1]![j]! >= lengths[i]![j + 1]!))
      lines.push({ kind: '-', text: a[i++]!, a: i, b: j });
    else lines.push({ kind: '+', text: b[j++]!, a: i, b: j });
  }
  const changed = lines.map((line, index) => (line.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context) end++;
    const from = Math.max(0, changed[start]! - context);
    const to = Math.min(lines.length - 1, changed[end]! + context);
    const hunk = lines.slice(from, to + 1);
    const aStart = hunk.find((line) => line.kind !== '+')?.a ?? 0;
    const bStart = hunk.find((line) => line.kind !== '-')?.b ?? 0;
    const aCount = hunk.filter((line) => line.kind !== '+').length;
    const bCount = hunk.filter((line) => line.kind !== '-').length;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const line of hunk) out.push(`${line.kind}${line.text}`);
    start = end + 1;
  }
  return `${out.join('\n')}\n`;
}
