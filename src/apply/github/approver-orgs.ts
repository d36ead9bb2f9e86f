// Approving reviewers -> the organizations they speak for, through each org's `approvers` in the spec:
// `@user` names a GitHub user directly; `@org/team` counts every active member of that team (asked of GitHub).
import type { OrganizationModel } from '../../compiler/model/index.js';

export type Approver = { kind: 'user'; login: string } | { kind: 'team'; org: string; team: string };

/** Whether `login` is an active member of team `org/team`. */
export type TeamMembershipCheck = (org: string, team: string, login: string) => Promise<boolean>;

export function parseApprover(text: string): Approver | undefined {
  const match = /^@([A-Za-z0-9][A-Za-z0-9-]*)(?:\/([A-Za-z0-9._-]+))?$/.exec(text.trim());
  if (!match) return undefined;
  return match[2] ? { kind: 'team', org: match[1]!, team: match[2] } : { kind: 'user', login: match[1]! };
}

export interface OrgApproval {
  organization: string;
  mspId: string;
  /** Approving logins that speak for this org, sorted. */
  approvedBy: string[];
}

/**
 * For every organization, which approving logins are its approvers. A login may speak for several orgs (it is
 * listed by each): the spec says so, and the consortium reviews the spec. Team memberships are asked once each.
 */
export async function approvalsByOrganization(
  organizations: readonly OrganizationModel[],
  approvingLogins: readonly string[],
  isTeamMember: TeamMembershipCheck,
): Promise<OrgApproval[]> {
  const cache = new Map<string, Promise<boolean>>();
  const memberOf = (org: string, team: string, login: string): Promise<boolean> => {
    const key = `${org}/${team}/${login}`.toLowerCase();
    let answer = cache.get(key);
    if (!answer) {
      answer = isTeamMember(org, team, login);
      cache.set(key, answer);
    }
    return answer;
  };
  const result: OrgApproval[] = [];
  for (const organization of organizations) {
    const approvers = organization.approvers.map(parseApprover).filter((a): a is Approver => a !== undefined);
    const approvedBy: string[] = [];
    for (const login of approvingLogins) {
      for (const approver of approvers) {
        const speaks =
          approver.kind === 'user'
            ? approver.login.toLowerCase() === login.toLowerCase()
            : await memberOf(approver.org, approver.team, login);
        if (speaks) {
          approvedBy.push(login);
          break;
        }
      }
    }
    result.push({ organization: organization.name, mspId: organization.mspId, approvedBy: approvedBy.sort() });
  }
  return result;
}
