// GitHub refuses a comment longer than 65,536 characters, and a large consortium's plan is longer (200
// organizations make over half a megabyte). The comment then keeps what fits, whole sections in plan order, and
// names the sections left out; the full plan is in the bundle as plan.md.

/** GitHub's limit, less a margin: it counts characters where JavaScript counts UTF-16 units. */
export const COMMENT_LIMIT = 65_000;

/**
 * The plan markdown cut to `budget` characters at section boundaries (`## ` headings), with a note naming the
 * sections left out; the plan itself when it fits.
 */
export function fitPlanMarkdown(planMarkdown: string, budget: number): string {
  if (planMarkdown.length <= budget) return planMarkdown;
  const sections = planMarkdown.split(/^(?=## )/m);
  const note = (left: string[]) =>
    `\n> The full plan (${planMarkdown.length.toLocaleString('en-US')} characters) is longer than a GitHub comment allows. ` +
    `Left out here: ${left.join(', ')}. Read them in the bundle's \`plan.md\`.\n`;
  const headings = sections.map((section) => /^## (.*)$/m.exec(section)?.[1]?.trim() ?? 'the beginning');
  // Room for the note at its longest: every heading named.
  const room = budget - note(headings).length;
  const kept: string[] = [];
  const left: string[] = [];
  let length = 0;
  sections.forEach((section, index) => {
    if (length + section.length <= room) {
      kept.push(section);
      length += section.length;
    } else left.push(headings[index]!);
  });
  if (kept.length === 0) return cutAtLine(planMarkdown, budget);
  return `${kept.join('').trimEnd()}\n${note(left)}`;
}

/** Whole lines of `text` up to `budget` characters, and a line saying the rest was cut. */
export function cutAtLine(text: string, budget: number): string {
  const ending = '\n> (cut here: longer than a GitHub comment allows)\n';
  if (text.length <= budget) return text;
  const cut = text.lastIndexOf('\n', Math.max(0, budget - ending.length));
  return `${text.slice(0, Math.max(0, cut))}${ending}`;
}
