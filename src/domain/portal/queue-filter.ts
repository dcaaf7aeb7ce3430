/**
 * The filters and sort orders of the page's ticket lists (docs/portal.md "Views"), parsed from a query string:
 * anything unknown is dropped, never an error (a shortcut saved by an older version still opens).
 */
import { TICKET_STATES, type TicketKind, type TicketState } from '../tickets/ticket';

export const TICKET_KINDS: readonly TicketKind[] = ['request', 'incident', 'problem'];

export interface QueueFilter {
  states?: TicketState[];
  /** Requests (`R-`), incidents (`I-`) or problems (`P-`). */
  kind?: TicketKind;
  service?: string;
  team?: string;
  priority?: number;
  /** Open and past a running TTO/TTR deadline, or escalated. */
  overdue?: boolean;
  unassigned?: boolean;
  assignee?: string;
  caller?: string;
  /** A ref (`R-000012`) or words found in the title. */
  text?: string;
}

export const QUEUE_SORTS = ['newest', 'oldest', 'priority', 'deadline', 'updated'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const CODE = /^[A-Za-z0-9_.\-]{1,64}$/;

function one(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
}

export function parseQueueFilter(q: Record<string, unknown>): { filter: QueueFilter; sort: QueueSort } {
  const filter: QueueFilter = {};
  const states = (Array.isArray(q.state) ? q.state : [q.state])
    .flatMap((s) => (typeof s === 'string' ? s.split(',') : []))
    .filter((s): s is TicketState => (TICKET_STATES as readonly string[]).includes(s));
  if (states.length) filter.states = [...new Set(states)];
  for (const key of ['service', 'team', 'assignee', 'caller'] as const) {
    const v = one(q[key]);
    if (v && CODE.test(v)) filter[key] = v;
  }
  const kind = one(q.kind);
  if (kind && (TICKET_KINDS as readonly string[]).includes(kind)) filter.kind = kind as TicketKind;
  const p = Number(one(q.priority));
  if (Number.isInteger(p) && p >= 1 && p <= 4) filter.priority = p;
  if (one(q.overdue) === '1') filter.overdue = true;
  if (one(q.unassigned) === '1') filter.unassigned = true;
  const text = one(q.q);
  if (text) filter.text = text.slice(0, 100);
  const s = one(q.sort);
  const sort = (QUEUE_SORTS as readonly string[]).includes(s ?? '') ? (s as QueueSort) : 'newest';
  return { filter, sort };
}

/** The query string of a filter (the inverse of `parseQueueFilter`), for links and saved shortcuts. */
export function queueQueryString(filter: QueueFilter, sort: QueueSort): string {
  const p = new URLSearchParams();
  if (filter.states?.length) p.set('state', filter.states.join(','));
  if (filter.kind) p.set('kind', filter.kind);
  for (const key of ['service', 'team', 'assignee', 'caller'] as const) if (filter[key]) p.set(key, filter[key]!);
  if (filter.priority) p.set('priority', String(filter.priority));
  if (filter.overdue) p.set('overdue', '1');
  if (filter.unassigned) p.set('unassigned', '1');
  if (filter.text) p.set('q', filter.text);
  if (sort !== 'newest') p.set('sort', sort);
  return p.toString();
}
