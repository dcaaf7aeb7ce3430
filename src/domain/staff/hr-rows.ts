/**
 * The rows of an HR export (`npm run people:sync`, docs/domain.md §6.2) checked against the directory: every bad row
 * named with its line (`line 7: org "bj-xx" unknown`), all at once; otherwise the desired people entries. Pure.
 */
import type { Directory } from '../directory/directory';
import type { Person } from '../directory/directory.types';
import { INERT_PROFILES, PROFILES } from '../directory/directory.types';
import { ok, type Result } from '../shared/result';
import { newStaffPerson } from './staff-change';

/** One row as read from the file: raw strings, `line` its line in the file. */
export interface HrRow {
  line: number;
  id?: string;
  name?: string;
  dingtalk_user_id?: string;
  org?: string;
  status?: string;
  /** `;`-separated in CSV, a list in JSON; absent: keep (new people get `portal_user`). */
  profiles?: string[];
}

export function checkHrRows(dir: Directory, rows: HrRow[]): Result<Person[], string[]> {
  const errors: string[] = [];
  const seenIds = new Map<string, number>();
  const seenUsers = new Map<string, { line: number; id: string }>();
  const desired: Person[] = [];
  for (const row of rows) {
    const at = `line ${row.line}`;
    const before = errors.length;
    const id = (row.id ?? '').trim();
    const name = (row.name ?? '').trim();
    const orgCode = (row.org ?? '').trim();
    const userId = (row.dingtalk_user_id ?? '').trim();
    const status = (row.status ?? '').trim() || 'active';
    if (!id) errors.push(`${at}: id is empty`);
    if (!name) errors.push(`${at}: name is empty`);
    const org = orgCode ? dir.org(orgCode) : undefined;
    if (!orgCode) errors.push(`${at}: org is empty`);
    else if (!org) errors.push(`${at}: org "${orgCode}" unknown`);
    else if (org.status !== 'active') errors.push(`${at}: org "${orgCode}" is inactive`);
    if (status !== 'active' && status !== 'inactive') errors.push(`${at}: status "${status}" must be active or inactive`);
    for (const p of row.profiles ?? []) {
      if (![...PROFILES, ...INERT_PROFILES].includes(p as never)) errors.push(`${at}: profile "${p}" unknown`);
    }
    if (id) {
      const first = seenIds.get(id);
      if (first !== undefined) errors.push(`${at}: id "${id}" also on line ${first}`);
      else seenIds.set(id, row.line);
    }
    if (userId) {
      const other = seenUsers.get(userId);
      const owner = dir.personByUserId(userId);
      if (other && other.id !== id) errors.push(`${at}: DingTalk user id "${userId}" also on line ${other.line}`);
      else if (owner && owner.id !== id && !rows.some((r) => (r.id ?? '').trim() === owner.id && (r.dingtalk_user_id ?? '').trim() !== userId)) {
        errors.push(`${at}: DingTalk user id "${userId}" belongs to person "${owner.id}"`);
      }
      if (!other) seenUsers.set(userId, { line: row.line, id });
    }
    if (errors.length > before) continue;
    const known = dir.person(id);
    const profiles = row.profiles && row.profiles.length > 0 ? (row.profiles as Person['profiles']) : undefined;
    const fields = { name, org: orgCode, dingtalkUserId: userId || null, status: status as Person['status'] };
    desired.push(known ? { ...known, ...fields, profiles: profiles ?? known.profiles } : { ...newStaffPerson({ id, ...fields, profiles }), status: fields.status });
  }
  return errors.length > 0 ? { ok: false, error: errors } : ok(desired);
}
