/**
 * The lead's notice when people leave (staff sync, docs/domain.md §6.2), in zh-CN and en: who left, the tickets
 * back in the team's queue (claim or assign them), and the open tickets they filed (still open: follow them up).
 */
import type { StaffLeftNotice } from '../../../application/staff/sync-staff';
import type { Locale } from '../../../domain/shared/locale';
import { fill } from './plain-text';
import { staffWordsEn } from './staff.catalog.en';
import { staffWordsZhCN } from './staff.catalog.zh-CN';
import type { StaffWords } from './staff-words';

const WORDS: Record<Locale, StaffWords> = { 'zh-CN': staffWordsZhCN, en: staffWordsEn };

export function renderStaffLeftNotice(locale: Locale, n: StaffLeftNotice): { title: string; body: string } {
  const w = WORDS[locale];
  const people = n.people.join(w.separator);
  const lines = [fill(w.left, { people })];
  if (n.returned.length > 0) lines.push(fill(w.returned, { refs: n.returned.join(w.separator) }));
  if (n.filed.length > 0) lines.push(fill(w.filed, { refs: n.filed.join(w.separator) }));
  return { title: fill(w.title, { people }), body: lines.join('\n') };
}
