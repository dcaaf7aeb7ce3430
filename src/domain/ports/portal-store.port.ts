/**
 * What the workbench page reads and keeps (docs/portal.md): ticket lists filtered in the database by the view
 * rule's scope, the rows the leads' dashboard is computed from, and each person's saved shortcuts.
 */
import type { DashboardRows } from '../portal/dashboard';
import type { QueueFilter, QueueSort } from '../portal/queue-filter';
import type { Ticket } from '../tickets/ticket';
import type { ViewScope } from '../tickets/view-scope';

export interface TicketPage {
  rows: Ticket[];
  /** More rows after this page. */
  more: boolean;
}

export interface PortalReadStore {
  /** Tickets in `scope` matching `filter`, sorted, one page; `now` decides "overdue". */
  tickets(scope: ViewScope, filter: QueueFilter, sort: QueueSort, page: { limit: number; offset: number }, now: Date): Promise<TicketPage>;
  /** The rows the dashboard counts, for tickets in `scope`, opened or changed since `since`. */
  dashboardRows(scope: ViewScope, since: Date): Promise<DashboardRows>;
}

/** A saved filter (快捷方式): a person sees only their own. */
export interface Shortcut {
  id: number;
  owner: string;
  name: string;
  filter: QueueFilter;
  sort: QueueSort;
  pinned: boolean;
  createdAt: Date;
}

export interface ShortcutStore {
  list(owner: string): Promise<Shortcut[]>;
  add(shortcut: Omit<Shortcut, 'id'>): Promise<Shortcut>;
  /** false when `owner` has no shortcut `id`. */
  setPinned(owner: string, id: number, pinned: boolean): Promise<boolean>;
  remove(owner: string, id: number): Promise<boolean>;
}

/** DingTalk's code exchange (免登): the user id an auth code from the JSAPI stands for; null when it is not valid. */
export interface DingTalkSignIn {
  userIdForAuthCode(code: string): Promise<string | null>;
}
