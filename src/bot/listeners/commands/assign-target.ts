/**
 * Who "指派 R-12 @张三" / "assign R-12 @name" means: the first @-mentioned DingTalk user (the message's
 * `atUserIds`, mapped to a directory person), else the text after the ref as a directory person id, a DingTalk
 * user id, or an exact name. Whether that person may take the ticket is the ticket service's check.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import { err, ok, type Result } from '../../../domain/shared/result';

/** Why nobody is meant: no target given, nobody by that name, or several people. `name` as written. */
export interface NoAssignTarget {
  problem: 'none' | 'unknown' | 'ambiguous';
  name: string;
}

export type AssignTarget = Result<Person, NoAssignTarget>;

export function assignTarget(dir: Directory, target: string, atUserIds: readonly string[]): AssignTarget {
  const mentioned = atUserIds[0];
  if (mentioned !== undefined) {
    const person = dir.personByUserId(mentioned);
    return person ? ok(person) : err({ problem: 'unknown', name: target.replace(/^[@＠]/, '') || mentioned });
  }
  const name = target.replace(/^[@＠]\s*/, '').trim();
  if (name === '') return err({ problem: 'none', name });
  const byId = dir.person(name) ?? dir.personByUserId(name);
  if (byId) return ok(byId);
  const byName = dir.data.people.filter((p) => p.name === name || p.name.toLowerCase() === name.toLowerCase());
  const active = byName.filter((p) => p.status === 'active');
  const candidates = active.length > 0 ? active : byName;
  if (candidates.length === 1) return ok(candidates[0]!);
  return err({ problem: candidates.length === 0 ? 'unknown' : 'ambiguous', name });
}
