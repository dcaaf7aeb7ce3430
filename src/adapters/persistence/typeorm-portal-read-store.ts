/**
 * The workbench page's reads (PortalReadStore) on TypeORM: the view rule's scope becomes a WHERE clause
 * (`caller = me OR org IN … OR team IN … OR notified_leads LIKE …`), so a queue of 200,000 tickets is filtered and
 * paged in the database (docs/portal.md "Views"; indexes in migration PortalShortcuts).
 */
import type { Gate } from './gate';
import { marks, SqlRows } from './sql-rows';
import { fromTicketRecord } from './ticket.mapper';
import { TicketRecord } from './records/ticket.record';
import type { DashboardRows } from '../../domain/portal/dashboard';
import type { QueueFilter, QueueSort } from '../../domain/portal/queue-filter';
import type { PortalReadStore, TicketPage } from '../../domain/ports/portal-store.port';
import { OPEN_STATES, parseRef } from '../../domain/tickets/ticket';
import type { ViewScope } from '../../domain/tickets/view-scope';

type Where = { parts: string[]; params: unknown[] };

export class TypeormPortalReadStore implements PortalReadStore {
  private readonly rows: SqlRows<TicketRecord>;

  constructor(private readonly gate: Gate) {
    this.rows = new SqlRows(gate.ds, TicketRecord);
  }

  private c(prop: keyof TicketRecord & string): string {
    return this.rows.column(prop);
  }

  /** The scope as one parenthesised condition (nothing for administrators). */
  private scopeOf(scope: ViewScope, w: Where): void {
    if (scope.all) return;
    const ors = [`${this.c('caller')} = ?`];
    w.params.push(scope.person);
    if (scope.orgs.length) {
      ors.push(`${this.c('org')} IN (${marks(scope.orgs.length)})`);
      w.params.push(...scope.orgs);
    }
    if (scope.teams.length) {
      ors.push(`${this.c('team')} IN (${marks(scope.teams.length)})`);
      w.params.push(...scope.teams);
    }
    // A lead told by an escalation (JSON array of ids: the quoted id is unique in it).
    ors.push(`${this.c('notifiedLeads')} LIKE ?`);
    w.params.push(`%${JSON.stringify(scope.person)}%`);
    w.parts.push(`(${ors.join(' OR ')})`);
  }

  private filterOf(f: QueueFilter, now: Date, w: Where): void {
    const eq = (prop: keyof TicketRecord & string, v: unknown) => {
      w.parts.push(`${this.c(prop)} = ?`);
      w.params.push(this.rows.param(prop, v));
    };
    if (f.states?.length) {
      w.parts.push(`${this.c('status')} IN (${marks(f.states.length)})`);
      w.params.push(...f.states);
    }
    if (f.kind) eq('kind', f.kind);
    if (f.service) eq('service', f.service);
    if (f.team) eq('team', f.team);
    if (f.priority) eq('priority', f.priority);
    if (f.assignee) eq('agent', f.assignee);
    if (f.caller) eq('caller', f.caller);
    if (f.unassigned) w.parts.push(`${this.c('agent')} IS NULL`);
    if (f.overdue) {
      const at = this.rows.param('ttoDeadline', now);
      w.parts.push(
        `${this.c('status')} IN (${marks(OPEN_STATES.length)}) AND (${this.c('status')} IN ('escalated_tto', 'escalated_ttr') OR ` +
          `(${this.c('ttoState')} = 'running' AND ${this.c('ttoDeadline')} < ?) OR (${this.c('ttrState')} = 'running' AND ${this.c('ttrDeadline')} < ?))`,
      );
      w.params.push(...OPEN_STATES, at, at);
    }
    if (f.text) {
      const ref = parseRef(f.text);
      if (ref) {
        w.parts.push(`${this.c('id')} = ?`);
        w.params.push(ref.id);
      } else {
        for (const word of f.text.split(/\s+/).filter(Boolean).slice(0, 5)) {
          w.parts.push(`${this.c('title')} LIKE ? ESCAPE '!'`);
          w.params.push(`%${word.replace(/[!%_]/g, (m) => `!${m}`)}%`);
        }
      }
    }
  }

  private orderOf(sort: QueueSort): string {
    const id = this.c('id');
    switch (sort) {
      case 'oldest':
        return `ORDER BY ${id} ASC`;
      case 'priority':
        return `ORDER BY ${this.c('priority')} ASC, ${id} DESC`;
      case 'deadline':
        // Tickets without a running deadline last (NULLs sort first in both dialects: push them down).
        return `ORDER BY CASE WHEN ${this.c('ttrDeadline')} IS NULL THEN 1 ELSE 0 END, ${this.c('ttrDeadline')} ASC, ${id} DESC`;
      case 'updated':
        return `ORDER BY ${this.c('lastUpdate')} DESC, ${id} DESC`;
      case 'newest':
        return `ORDER BY ${id} DESC`;
    }
  }

  async tickets(scope: ViewScope, filter: QueueFilter, sort: QueueSort, page: { limit: number; offset: number }, now: Date): Promise<TicketPage> {
    const w: Where = { parts: [], params: [] };
    this.scopeOf(scope, w);
    this.filterOf(filter, now, w);
    const where = w.parts.length ? w.parts.join(' AND ') : '1 = 1';
    const limit = Math.floor(page.limit);
    const tail = `${this.orderOf(sort)} LIMIT ${limit + 1}${page.offset ? ` OFFSET ${Math.floor(page.offset)}` : ''}`;
    const found = await this.gate.run((m) => this.rows.select(m, where, w.params, tail));
    return { rows: found.slice(0, limit).map(fromTicketRecord), more: found.length > limit };
  }

  async dashboardRows(scope: ViewScope, since: Date): Promise<DashboardRows> {
    const base = (): Where => {
      const w: Where = { parts: [], params: [] };
      this.scopeOf(scope, w);
      return w;
    };
    const sql = (w: Where) => (w.parts.length ? w.parts.join(' AND ') : '1 = 1');
    const after = (prop: 'createdAt' | 'ttoStoppedAt' | 'resolvedAt') => {
      const w = base();
      w.parts.push(`${this.c(prop)} >= ?`);
      w.params.push(this.rows.param(prop, since));
      return w;
    };
    const open = base();
    open.parts.push(`${this.c('status')} IN (${marks(OPEN_STATES.length)})`);
    open.params.push(...OPEN_STATES);
    const opened = after('createdAt');
    const owned = after('ttoStoppedAt');
    const resolved = after('resolvedAt');
    const incidents = after('createdAt');
    incidents.parts.push(`${this.c('kind')} = 'incident'`);
    return this.gate.run(async (m) => {
      const r = this.rows;
      const [o, op, ow, rs, inc] = await Promise.all([
        r.selectSome(m, ['team', 'service', 'createdAt'], sql(open), open.params),
        r.selectSome(m, ['createdAt'], sql(opened), opened.params),
        r.selectSome(m, ['ttoStoppedAt', 'ttoElapsed', 'ttoGoal'], sql(owned), owned.params),
        r.selectSome(m, ['resolvedAt', 'ttrElapsed', 'ttrGoal'], sql(resolved), resolved.params),
        r.selectSome(m, ['id'], sql(incidents), incidents.params),
      ]);
      const children = new Map<number, number>();
      if (inc.length) {
        const ids = inc.map((i) => i.id);
        const counted = (await m.query(
          `SELECT ${this.c('parentId')} AS p, COUNT(*) AS n FROM ${r.table} WHERE ${this.c('parentId')} IN (${marks(ids.length)}) GROUP BY ${this.c('parentId')}`,
          ids,
        )) as Array<{ p: unknown; n: unknown }>;
        for (const row of counted) children.set(Number(row.p), Number(row.n));
      }
      return {
        open: o.map((x) => ({ team: x.team, service: x.service, createdAt: new Date(x.createdAt) })),
        opened: op.map((x) => ({ createdAt: new Date(x.createdAt) })),
        owned: ow.map((x) => ({ at: new Date(x.ttoStoppedAt!), elapsed: Number(x.ttoElapsed), goal: x.ttoGoal === null ? null : Number(x.ttoGoal) })),
        resolved: rs.map((x) => ({ at: new Date(x.resolvedAt!), elapsed: Number(x.ttrElapsed), goal: x.ttrGoal === null ? null : Number(x.ttrGoal) })),
        incidents: inc.map((i) => ({ id: i.id, requests: children.get(i.id) ?? 0 })),
      };
    });
  }
}
