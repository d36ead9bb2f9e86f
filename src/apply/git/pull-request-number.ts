// The PR a commit on the main line came from, as GitHub writes it: a merge commit's subject
// "Merge pull request #12 from owner/branch", or a squash commit's title "Add retailer (#12)".

export function pullRequestNumber(subject: string): number | undefined {
  const merge = /^Merge pull request #(\d+) from /.exec(subject);
  if (merge) return Number(merge[1]);
  const squash = /\(#(\d+)\)\s*$/.exec(subject);
  return squash ? Number(squash[1]) : undefined;
}
