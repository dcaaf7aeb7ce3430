/**
 * Transactions framed with their statements (src/adapters/persistence/tx-pipeline.ts), on SQLite and MariaDB: the
 * same rows and the same failures on both; on MariaDB, a filing's transaction (sequence number, ticket, history,
 * outbox) costs two round trips instead of six, counted at the query runner.
 */
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { LaterWriteFailed, pipelineOf } from '../../../src/adapters/persistence/tx-pipeline';
import { MessageAlreadyFiled } from '../../../src/domain/tickets/source-message';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import type { TicketEvent } from '../../../src/domain/tickets/events';
import type { OutboxRecord } from '../../../src/domain/ports/outbox.port';
import { describeOnDatabases } from '../../support/databases';
import { FakeClock } from '../../support/fake-clock';
import { recordMysqlQueries, ticketRow } from '../../support/ticket-rows';

const AT = new Date('2026-12-07T02:00:00.000Z');

function ticket(sourceMsg: string | null): Ticket {
  return ticketRow({ title: '商城加载速度慢', team: 't1', service: 's1', status: 'new', createdAt: AT, origin: 'chat', sourceMsg });
}

const created = (ticketId: number): TicketEvent => ({
  type: 'TicketCreated',
  ticketId,
  ref: `R-${String(ticketId).padStart(6, '0')}`,
  actor: 'c1',
  entryPoint: 'chat',
  at: AT,
  data: {},
});

describeOnDatabases('transaction pipeline', (h) => {
  const queries = recordMysqlQueries();

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows = (await h.db().ds.query(sql, params)) as Array<{ n: unknown }>;
    return Number(rows[0]!.n);
  };

  it('files a ticket with its history and outbox rows: every row written, the ids handed over after the commit', async () => {
    const handed: OutboxRecord[][] = [];
    const store = new TypeormTicketStore(h.db().gate, { owner: 'me', leaseMs: 5_000, clock: new FakeClock(AT), committed: (r) => handed.push(r) });
    const id = await store.transaction(async (tx) => {
      const ticketId = await tx.insert(ticket('msg-1'));
      await tx.appendHistory([{ ticketId, at: AT, actor: 'c1', entryPoint: 'chat', action: 'create', changes: [] }]);
      await tx.appendOutbox([created(ticketId)]);
      return ticketId;
    });
    if (h.dialect === 'mysql') {
      expect(queries.sent()).toHaveLength(2);
      expect(queries.sent()[0]).toMatch(/^START TRANSACTION;\nINSERT INTO `ref_numbers`.*;\nINSERT INTO `tickets`/s);
      expect(queries.sent()[1]).toMatch(/^INSERT INTO `ticket_history`.*;\nINSERT INTO `outbox`.*;\nCOMMIT$/s);
    }
    // The ticket's id is the sequence's number (the shared R-/I-/P-/C- sequence).
    expect(await count('SELECT MAX(id) AS n FROM ref_numbers')).toBe(id);
    expect(await count('SELECT COUNT(*) AS n FROM tickets WHERE id = ?', [id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM ticket_history WHERE ticket_id = ?', [id])).toBe(1);
    const outboxId = await count('SELECT MAX(id) AS n FROM outbox WHERE ticket_id = ?', [id]);
    expect(handed).toHaveLength(1);
    expect(handed[0]!.map((r) => [r.id, r.event.ticketId])).toEqual([[outboxId, id]]);
  });

  it('a second filing of the same message is MessageAlreadyFiled, and nothing of it stays', async () => {
    const store = new TypeormTicketStore(h.db().gate);
    const tickets = await count('SELECT COUNT(*) AS n FROM tickets');
    await expect(
      store.transaction(async (tx) => {
        await tx.appendHistory([{ ticketId: 999_999, at: AT, actor: 'c1', entryPoint: 'chat', action: 'x', changes: [] }]);
        await tx.insert(ticket('msg-1'));
      }),
    ).rejects.toBeInstanceOf(MessageAlreadyFiled);
    expect(await count('SELECT COUNT(*) AS n FROM tickets')).toBe(tickets);
    expect(await count('SELECT COUNT(*) AS n FROM ticket_history WHERE ticket_id = 999999')).toBe(0);
  });

  it('a statement after queued writes sees them; a rolled-back transaction leaves none of them', async () => {
    const store = new TypeormTicketStore(h.db().gate);
    await expect(
      store.transaction(async (tx) => {
        await tx.appendHistory([{ ticketId: 777_777, at: AT, actor: 'c1', entryPoint: 'chat', action: 'queued', changes: [] }]);
        expect((await tx.history(777_777)).map((r) => r.action)).toEqual(['queued']);
        await tx.appendHistory([{ ticketId: 777_777, at: AT, actor: 'c1', entryPoint: 'chat', action: 'dropped', changes: [] }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // START went with the first queued write, before the read; the second queued write was never sent.
    if (h.dialect === 'mysql') {
      expect(queries.sent().map((s) => s.split(' (')[0])).toEqual(['START TRANSACTION;\nINSERT INTO `ticket_history`', expect.stringMatching(/^SELECT .* FROM `ticket_history`/), 'ROLLBACK']);
    }
    expect(await count('SELECT COUNT(*) AS n FROM ticket_history WHERE ticket_id = 777777')).toBe(0);
  });

  it('a queued write that fails fails the transaction: earlier statements are rolled back', async () => {
    const gate = h.db().gate;
    const before = await count('SELECT COUNT(*) AS n FROM ref_numbers');
    const failing = gate.tx(async (m) => {
      await m.query('INSERT INTO ref_numbers (kind) VALUES (?)', ['R']);
      const pipeline = pipelineOf(m);
      if (pipeline) pipeline.later('INSERT INTO no_such_table (x) VALUES (?)', [1]);
      else await m.query('INSERT INTO no_such_table (x) VALUES (?)', [1]);
    });
    await expect(failing).rejects.toThrow(/no_such_table/);
    if (h.dialect === 'mysql') expect(queries.sent().slice(1)).toEqual(['START TRANSACTION;\nINSERT INTO ref_numbers (kind) VALUES (?)', 'INSERT INTO no_such_table (x) VALUES (?);\nCOMMIT', 'ROLLBACK']);
    expect(await count('SELECT COUNT(*) AS n FROM ref_numbers')).toBe(before);
  });

  it('a queued write failing before another statement fails that statement as LaterWriteFailed (never as its own error)', async () => {
    if (h.dialect !== 'mysql') return; // no pipeline on SQLite: a write there runs (and fails) at once
    await expect(
      h.db().gate.tx(async (m) => {
        pipelineOf(m)!.later('INSERT INTO no_such_table (x) VALUES (?)', [1]);
        await m.query('SELECT 1');
      }),
    ).rejects.toBeInstanceOf(LaterWriteFailed);
  });

  it('a transaction that sends nothing costs no round trip', async () => {
    await h.db().gate.tx(async () => 42);
    expect(queries.sent()).toEqual([]);
  });
});
