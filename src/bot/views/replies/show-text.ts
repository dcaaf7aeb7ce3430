/**
 * `查看 R-…` / `show R-…` answered with a new text message (docs/interfaces.md "Chat additions"): state, assignee,
 * deadlines, the last three history rows. The card itself is never duplicated.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { HistoryRow } from '../../../domain/ports/ticket-store.port';
import { formatDeadline } from '../../../domain/shared/catalog-format';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from './bot-catalog';
import { fill, oneLine } from './plain-text';

export const SHOW_HISTORY_ROWS = 3;
const CUT = { title: 60, name: 30 } as const;

export function historyActionName(action: string, c: BotCatalog): string {
  return c.week.historyAction[action] ?? c.action[action] ?? action;
}

export function showText(t: Ticket, history: readonly HistoryRow[], dir: Directory, c: BotCatalog, zone: string, pageBase?: string): string {
  const text = (s: string, max: number) => oneLine(s, max, c.format.ellipsis);
  const name = (id: string) => (id === 'system' ? c.reply.title : text(dir.person(id)?.name ?? id, CUT.name));
  const when = (d: Date) => formatDeadline(d, c, zone, { withYear: false });
  const lines = [
    fill(c.week.show.head, { ref: refOf(t), status: c.state[t.status], title: text(t.title, CUT.title) }),
    fill(c.week.show.assignee, { name: t.agent ? name(t.agent) : c.value.unassigned }),
  ];
  if (t.tto.state === 'running' && t.tto.deadline) lines.push(fill(c.week.show.field, { label: c.label.tto, value: when(t.tto.deadline) }));
  if (t.ttr.state === 'running' && t.ttr.deadline) lines.push(fill(c.week.show.field, { label: c.label.ttr, value: when(t.ttr.deadline) }));
  else if (t.ttr.state === 'paused') lines.push(fill(c.week.show.field, { label: c.label.ttr, value: c.value.paused }));
  lines.push(c.week.show.history);
  const last = [...history].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-SHOW_HISTORY_ROWS);
  if (last.length === 0) lines.push(c.week.show.noHistory);
  for (const row of last) {
    lines.push(fill(c.week.show.historyLine, { at: when(row.at), actor: name(row.actor), action: historyActionName(row.action, c) }));
  }
  // The ticket's page where the page exists (docs/interfaces.md "Chat additions").
  if (pageBase) lines.push(fill(c.week.show.link, { url: `${pageBase.replace(/\/+$/, '')}/app/t/${refOf(t)}` }));
  return lines.join('\n');
}
