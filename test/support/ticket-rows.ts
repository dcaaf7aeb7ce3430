/**
 * Test helpers for store suites: a complete ticket row from the fields a test cares about, and the queries MySQL
 * query runners send (one per round trip).
 */
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { idleStopwatch } from '../../src/domain/tickets/stopwatch';
import type { Ticket } from '../../src/domain/tickets/ticket';

/** A request with neutral defaults (id 0: the store gives it one); `p` sets the rest. */
export function ticketRow(p: Partial<Ticket> & Pick<Ticket, 'title' | 'team' | 'service' | 'status' | 'createdAt'>): Ticket {
  return {
    id: 0,
    kind: 'request',
    description: '',
    caller: 'c1',
    org: 'o1',
    subcategory: 'sub',
    requestType: 'service_request',
    impact: 3,
    urgency: 3,
    priority: 3,
    origin: 'api',
    sourceMsg: null,
    agent: null,
    parent: null,
    pendingReason: null,
    solution: null,
    resolutionCode: null,
    satisfaction: null,
    satisfactionComment: null,
    contract: null,
    sla: null,
    tto: idleStopwatch(),
    ttr: idleStopwatch(),
    deadlineVersion: 0,
    notifiedLeads: [],
    assignedAt: null,
    resolvedAt: null,
    closedAt: null,
    lastUpdate: p.createdAt,
    version: 1,
    ...p,
  };
}

/**
 * Records the SQL of every query a MySQL query runner sends, from each test's start (SQLite's runner is another
 * class: nothing is recorded there). Call in a `describe` body; read `sent()` in the tests.
 */
export function recordMysqlQueries(): { sent(): string[]; clear(): void } {
  let sent: string[] = [];
  let spy: jest.SpyInstance | null = null;
  beforeEach(() => {
    sent = [];
    const original = MysqlQueryRunner.prototype.query;
    spy = jest.spyOn(MysqlQueryRunner.prototype, 'query').mockImplementation(function (this: MysqlQueryRunner, sql: string, ...rest: unknown[]) {
      sent.push(sql);
      return (original as (...a: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
    } as never);
  });
  afterEach(() => spy?.mockRestore());
  return { sent: () => sent, clear: () => void (sent = []) };
}
