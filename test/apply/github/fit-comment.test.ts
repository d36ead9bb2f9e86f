import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, cutAtLine, fitPlanMarkdown } from '../../../src/apply/github/fit-comment.js';
import { renderStatusComment } from '../../../src/apply/github/status-comment.js';

const section = (heading: string, lines: number) =>
  `## ${heading}\n\n${Array.from({ length: lines }, (_, i) => `- line ${i} of ${heading}`).join('\n')}\n\n`;

describe('fitPlanMarkdown', () => {
  it('leaves a plan that fits as it is', () => {
    const plan = section('Summary', 3) + section('Next steps', 2);
    expect(fitPlanMarkdown(plan, 10_000)).toBe(plan);
  });

  it('keeps whole sections in order while they fit, and names the ones left out', () => {
    const plan = `<!-- netspec-plan -->\n${section('Summary', 5)}${section('Kubernetes', 3000)}${section('Next steps', 4)}`;
    const fitted = fitPlanMarkdown(plan, 2_000);
    expect(fitted.length).toBeLessThanOrEqual(2_000);
    expect(fitted).toContain('- line 4 of Summary\n');
    expect(fitted).toContain('- line 3 of Next steps\n');
    expect(fitted).not.toContain('of Kubernetes');
    expect(fitted).toMatch(
      /The full plan \([\d,]+ characters\) is longer than a GitHub comment allows\. Left out here: Kubernetes\./,
    );
  });

  it('cuts a plan of one long section at a line', () => {
    const plan = section('Kubernetes', 5000);
    const fitted = fitPlanMarkdown(plan, 3_000);
    expect(fitted.length).toBeLessThanOrEqual(3_000);
    expect(fitted).toMatch(/- line \d+ of Kubernetes\n> \(cut here: longer than a GitHub comment allows\)\n$/);
    expect(cutAtLine('short', 100)).toBe('short');
  });
});

describe('renderStatusComment for a plan longer than a comment', () => {
  it('stays within GitHub’s limit and keeps the signature status whole', () => {
    const plan = section('netspec plan: `big`', 4) + section('Kubernetes', 20_000) + section('Next steps', 3);
    const gate = { status: 'waiting', require: ['signature'], channels: [] } as never;
    const comment = renderStatusComment(plan, gate);
    expect(plan.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment.startsWith('<!-- netspec-plan -->\n## netspec plan: `big`')).toBe(true);
    expect(comment).toContain('Left out here: Kubernetes.');
    expect(comment).toMatch(
      /## Signature status\n\n\*\*waiting for signatures\*\* \(an organization counts with: signature\)\n\nNo channel update needs signatures\.\n$/,
    );
  });
});
