/**
 * Staff sync (docs/domain.md §6.2): what a desired person entry (from a DingTalk address-book event or an HR file)
 * changes in the stored directory. Pure.
 */
import type { Person } from '../directory/directory.types';

export type StaffChangeKind = 'added' | 'changed' | 'deactivated';

export interface StaffChange {
  kind: StaffChangeKind;
  before: Person | null;
  after: Person;
  /** The fields that differ (`name`, `org`, `dingtalk_user_id`, `status`, `profiles`); empty when added. */
  fields: string[];
}

const FIELDS: Array<[string, (p: Person) => string]> = [
  ['name', (p) => p.name],
  ['org', (p) => p.org],
  ['dingtalk_user_id', (p) => p.dingtalkUserId ?? ''],
  ['status', (p) => p.status],
  ['profiles', (p) => p.profiles.join(';')],
];

/** null when `after` is what is stored already (a second run changes nothing). */
export function staffChange(before: Person | null, after: Person): StaffChange | null {
  if (!before) return { kind: 'added', before, after, fields: [] };
  const fields = FIELDS.filter(([, get]) => get(before) !== get(after)).map(([f]) => f);
  if (fields.length === 0) return null;
  const kind = before.status === 'active' && after.status === 'inactive' ? 'deactivated' : 'changed';
  return { kind, before, after, fields };
}

/** The diff line of one change: `+ added`, `~ changed`, `- deactivated` (docs/domain.md §6.2). */
export function formatStaffChange(c: StaffChange): string {
  const who = `${c.after.id} ${c.after.name}`;
  if (c.kind === 'added') return `+ ${who} (org ${c.after.org}, profiles ${c.after.profiles.join(';') || 'none'})`;
  if (c.kind === 'deactivated') return `- ${who}`;
  const show = (p: Person, f: string) => FIELDS.find(([name]) => name === f)![1](p) || '∅';
  return `~ ${who}: ${c.fields.map((f) => `${f} ${show(c.before!, f)} → ${show(c.after, f)}`).join(', ')}`;
}

/** A person entry as the sync creates it: `portal_user` unless profiles are given (docs/domain.md §6.2). */
export function newStaffPerson(fields: { id: string; name: string; org: string; dingtalkUserId: string | null; profiles?: Person['profiles'] }): Person {
  return {
    id: fields.id,
    name: fields.name,
    org: fields.org,
    dingtalkUserId: fields.dingtalkUserId,
    mobile: null,
    email: null,
    status: 'active',
    profiles: fields.profiles && fields.profiles.length > 0 ? [...fields.profiles] : ['portal_user'],
    timezone: null,
    locale: null,
  };
}
