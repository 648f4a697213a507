/**
 * Single sign-on with IdP team mapping (SSO on, IdP mapping on, Konnect mapping off): the
 * identity provider sets users' team membership at each login, and Konnect's UI makes it
 * read-only. orgdeck then plans no membership change for users and says once how many
 * differences it leaves to the IdP; everything else (teams, grants, system accounts and their
 * memberships) still syncs.
 */
import type { LiveState } from '../live.js';
import type { Change, PlanNote } from '../change.js';
import { plural } from '../text/plural.js';

export const IDP_MEMBERSHIP_TOPIC = 'idp-membership';

/** The changes without users' membership changes when the IdP owns them, and the note that says so. */
export function leaveMembershipToIdp(changes: Change[], live: Pick<LiveState, 'idpOwnsMembership' | 'idpMembershipUnread'>): { changes: Change[]; notes: PlanNote[] } {
  if (!live.idpOwnsMembership && !live.idpMembershipUnread) return { changes, notes: [] };
  const isUserMembership = (c: Change) => c.kind === 'team-membership' && c.user !== undefined;
  const left = changes.filter(isUserMembership);
  if (left.length === 0) return { changes, notes: [] };
  const message = live.idpOwnsMembership ? `Team membership of users follows your identity provider here (SSO with IdP mapping on, Konnect mapping off), so orgdeck leaves ${plural(left.length, 'membership difference')} between the file and Konnect to the IdP and changes no user's teams. Change the groups in the IdP (teams[].idp_groups maps groups to teams), or turn Konnect mapping on to manage membership with orgdeck.`
    : `orgdeck cannot tell whether team membership of users follows your identity provider: ${live.idpMembershipUnread}. Rather than risk changing teams the IdP resets at each login, it leaves ${plural(left.length, 'membership difference')} between the file and Konnect alone and changes no user's teams. Let the token read the authentication settings (an Organization Admin's token can), then run again.`;
  return { changes: changes.filter((c) => !isUserMembership(c)), notes: [{ topic: IDP_MEMBERSHIP_TOPIC, count: left.length, message }] };
}
