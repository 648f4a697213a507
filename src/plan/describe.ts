/** Words for changes, shared by the renderers and the apply report. */
import { escapeControls } from '../text/terminal.js';
import type { Change, Fields, PlanGrant } from './types.js';

export function grantText(g: PlanGrant): string {
  return `${g.role} on ${g.entity_type} ${g.entity} (${g.region})`;
}

/** One line per change, in decK's spirit: "add ana@example.com to team Platform"; names from the org with their control characters escaped. */
export function describeChange(c: Change): string {
  return escapeControls(changeWords(c));
}

/** The line of a plan or a step: the change, then why where the file alone does not say ("…: expired on 2027-01-31 (orgdeck.yaml:42:9)"). */
export function describeWithReason(c: Change): string {
  return c.reason ? `${describeChange(c)}: ${escapeControls(c.reason)}` : describeChange(c);
}

function changeWords(c: Change): string {
  const owner = c.kind === 'user-role' ? `user ${c.user?.email}` : c.kind === 'system-account-role' ? `system account ${c.system_account?.name}` : `team ${c.team?.name}`;
  switch (`${c.op} ${c.kind}`) {
    case 'create user': return `invite user ${c.key}`;
    case 'update user': return `update user ${c.key}`;
    case 'delete user': return c.before?.status === 'pending' ? `delete user ${c.key} (cancels the pending invite)` : `delete user ${c.key}`;
    case 'create invite': return `resend invitation to ${c.key} (${pendingText(c)})`;
    case 'create team': return `create team ${c.key}`;
    case 'update team': return renamedFrom(c) !== undefined ? `rename team ${renamedFrom(c)} → ${c.key}` : `update team ${c.key}`;
    case 'delete team': return `delete team ${c.key}`;
    case 'create team-membership': return `add ${c.user?.email} to team ${c.team?.name}`;
    case 'delete team-membership': return `remove ${c.user?.email} from team ${c.team?.name}`;
    case 'create system-account': return `create system account ${c.key}`;
    case 'update system-account': return renamedFrom(c) !== undefined ? `rename system account ${renamedFrom(c)} → ${c.key}` : `update system account ${c.key}`;
    case 'delete system-account': return `delete system account ${c.key}`;
    case 'create system-account-membership': return `add system account ${c.system_account?.name} to team ${c.team?.name}`;
    case 'delete system-account-membership': return `remove system account ${c.system_account?.name} from team ${c.team?.name}`;
    case 'create user-role':
    case 'create team-role':
    case 'create system-account-role': return `grant ${grantText(c.grant!)} to ${owner}`;
    case 'delete user-role':
    case 'delete team-role':
    case 'delete system-account-role': return `revoke ${grantText(c.grant!)} from ${owner}`;
    case 'create team-idp-group': return `map IdP group "${c.idp_group?.group}" to team ${c.team?.name}`;
    case 'delete team-idp-group': return `unmap IdP group "${c.idp_group?.group}" from team ${c.team?.name}`;
    default: throw new Error(`internal: cannot describe ${c.op} ${c.kind}`);
  }
}

/** The old name of a team or system account this update renames (`renamed_from`), else undefined. */
export function renamedFrom(c: Change): string | undefined {
  const was = c.before?.name;
  return c.op === 'update' && typeof was === 'string' && was !== c.after?.name ? was : undefined;
}

/** The field changes an update shows beside its line: a rename's name is in the line already. */
export function shownFieldChanges(c: Change): FieldChange[] {
  const fields = fieldChanges(c.before, c.after);
  return renamedFrom(c) === undefined ? fields : fields.filter((f) => f.field !== 'name');
}

/** "pending 12 days" for a re-sent invitation. */
export function pendingText(c: Change): string {
  const days = Number(c.before?.pending_days ?? 0);
  return `pending ${days} day${days === 1 ? '' : 's'}`;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Field-level differences of an update, labels key by key. */
export function fieldChanges(before: Fields = {}, after: Fields = {}): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[field];
    const a = after[field];
    if (field === 'labels' && isRecord(b) && isRecord(a)) {
      for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        if (b[k] !== a[k]) out.push({ field: `labels.${k}`, before: b[k], after: a[k] });
      }
    } else if (JSON.stringify(b) !== JSON.stringify(a)) {
      out.push({ field, before: b, after: a });
    }
  }
  return out;
}

export function showValue(v: unknown): string {
  // JSON escapes C0 controls; escapeControls also takes DEL, C1 and the bidirectional overrides.
  return v === undefined || v === null ? '(none)' : escapeControls(JSON.stringify(v));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
