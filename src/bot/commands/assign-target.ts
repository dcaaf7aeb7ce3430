/**
 * Who "指派 R-12 @张三" / "assign R-12 @name" means: the first @-mentioned DingTalk user (the message's
 * `atUserIds`, mapped to a directory person), else the text after the ref as a directory person id, a DingTalk
 * user id, or an exact name. Whether that person may take the ticket is the ticket service's check.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';

export type AssignTarget =
  | { ok: true; person: Person }
  | { ok: false; problem: 'none' | 'unknown' | 'ambiguous'; name: string };

export function assignTarget(dir: Directory, target: string, atUserIds: readonly string[]): AssignTarget {
  const mentioned = atUserIds[0];
  if (mentioned !== undefined) {
    const person = dir.personByUserId(mentioned);
    return person ? { ok: true, person } : { ok: false, problem: 'unknown', name: target.replace(/^[@＠]/, '') || mentioned };
  }
  const name = target.replace(/^[@＠]\s*/, '').trim();
  if (name === '') return { ok: false, problem: 'none', name };
  const byId = dir.person(name) ?? dir.personByUserId(name);
  if (byId) return { ok: true, person: byId };
  const byName = dir.data.people.filter((p) => p.name === name || p.name.toLowerCase() === name.toLowerCase());
  const active = byName.filter((p) => p.status === 'active');
  const candidates = active.length > 0 ? active : byName;
  if (candidates.length === 1) return { ok: true, person: candidates[0]! };
  return { ok: false, problem: candidates.length === 0 ? 'unknown' : 'ambiguous', name };
}
