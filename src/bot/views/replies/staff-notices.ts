/**
 * The lead's notice when people leave (staff sync, docs/domain.md §6.2), in zh-CN and en: who left, the tickets
 * back in the team's queue (claim or assign them), and the open tickets they filed (still open: follow them up).
 */
import type { StaffLeftNotice } from '../../../application/staff/sync-staff';
import type { Locale } from '../../../domain/shared/locale';

const WORDS = {
  'zh-CN': {
    title: '人员离职：{people}',
    left: '{people} 已离职，账号已停用。',
    returned: '以下工单已退回团队队列（未分配，TTO 重新计时），请认领或分派：{refs}',
    filed: '以下由其提交的工单仍在处理中，请安排跟进：{refs}',
  },
  en: {
    title: 'Staff left: {people}',
    left: '{people} left the company; their account is now inactive.',
    returned: 'These tickets are back in your team\'s queue (unassigned, TTO restarted): claim or assign them: {refs}',
    filed: 'These open tickets were filed by them and stay open: please follow them up: {refs}',
  },
} satisfies Record<Locale, Record<string, string>>;

export function renderStaffLeftNotice(locale: Locale, n: StaffLeftNotice): { title: string; body: string } {
  const w = WORDS[locale];
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_m, k: string) => v[k] ?? '');
  const people = n.people.join(sep);
  const lines = [fill(w.left, { people })];
  if (n.returned.length > 0) lines.push(fill(w.returned, { refs: n.returned.join(sep) }));
  if (n.filed.length > 0) lines.push(fill(w.filed, { refs: n.filed.join(sep) }));
  return { title: fill(w.title, { people }), body: lines.join('\n') };
}
