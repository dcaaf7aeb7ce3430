/**
 * Retention on real databases (SQLite and MariaDB): what is older than RETENTION_DAYS goes — done outbox rows,
 * sent/skipped/dead notices, threshold and card rows of tickets closed that long ago, handled inbox rows — in
 * batches; everything else stays, above all every ticket and its history (the audit trail). Done inbox payloads
 * are trimmed a day after handling (the id stays, for dedupe); a dead frame keeps its payload until purged.
 */
import type { EntityManager } from 'typeorm';
import type { Database } from '../../../src/adapters/persistence/data-source';
import { DatabaseRetention } from '../../../src/adapters/persistence/retention';
import { AttachmentRecord } from '../../../src/adapters/persistence/records/attachment.record';
import { IntakeDraftRecord, TicketCardRecord } from '../../../src/adapters/persistence/records/card.record';
import { InboxRecord } from '../../../src/adapters/persistence/records/inbox.record';
import { NoticeRecord } from '../../../src/adapters/persistence/records/notice.record';
import { OutboxRecord } from '../../../src/adapters/persistence/records/outbox.record';
import { ProcessRecord } from '../../../src/adapters/persistence/records/process.record';
import { ThresholdRecord } from '../../../src/adapters/persistence/records/threshold.record';
import { TicketHistoryRecord } from '../../../src/adapters/persistence/records/ticket-history.record';
import { TicketLogRecord } from '../../../src/adapters/persistence/records/ticket-log.record';
import { TicketRecord } from '../../../src/adapters/persistence/records/ticket.record';
import { silentLog } from '../../../src/domain/ports/log.port';
import { describeOnDatabases } from '../../support/databases';

const NOW = new Date('2027-03-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

async function ticket(m: EntityManager, status: string, closedAt: Date | null): Promise<number> {
  const t = m.create(TicketRecord, {
    kind: 'request', title: 't', description: 'd', caller: 'p1', org: 'o', service: 's', subcategory: 'sc', requestType: 'service_request',
    impact: 3, urgency: 3, priority: 4, origin: 'chat', sourceMsg: null, status, team: 'T', agent: null, parentId: null, pendingReason: null,
    solution: null, resolutionCode: null, satisfaction: null, satisfactionComment: null, contract: null, sla: null,
    ttoState: 'stopped', ttoElapsed: 0, ttoLastStart: null, ttoGoal: null, ttoCalendar: null, ttoDeadline: null, ttoStoppedAt: null,
    ttrState: 'stopped', ttrElapsed: 0, ttrLastStart: null, ttrGoal: null, ttrCalendar: null, ttrDeadline: null, ttrStoppedAt: null,
    deadlineVersion: 1, notifiedLeads: '[]', createdAt: daysAgo(90), assignedAt: null, resolvedAt: null, closedAt, lastUpdate: closedAt ?? daysAgo(90), version: 1,
  });
  const id = (await m.save(t)).id;
  await m.insert(TicketHistoryRecord, { ticketId: id, at: daysAgo(90), actor: 'p1', entryPoint: 'chat', action: 'open', changes: '{}' });
  await m.insert(TicketLogRecord, { ticketId: id, at: daysAgo(90), author: 'p1', visibility: 'public', text: 'hello' });
  await m.insert(ThresholdRecord, { ticketId: id, level: 'tto1', deadlineVersion: 1, thresholdSeconds: 60, dueAt: daysAgo(89), status: 'fired', firedAt: daysAgo(89), latenessMs: 1, assigneePart: 'none', claimedBy: null, claimUntil: null });
  await m.insert(TicketCardRecord, { outTrackId: `R-${id}-u-p1`, ticketId: id, spaceKind: 'dm', spaceId: 'u1', role: 'caller', createdAt: daysAgo(90) });
  return id;
}

const parked = (sourceMsg: string, ticketId: number, addedAt: Date): Partial<AttachmentRecord> => ({
  ticketId, kind: 'voice', name: 'voice.amr', contentType: 'audio/amr', size: 3, mediaId: null, addedBy: 'p1', addedAt, sourceMsg, sourceIndex: 0,
  content: Buffer.from('amr'),
});

const outbox = (status: string, processedAt: Date | null): Partial<OutboxRecord> => ({
  ticketId: 1, ref: 'R-000001', type: 'TicketOpened', actor: 'p1', entryPoint: 'chat', at: daysAgo(90), data: '{}', status, attempts: 1,
  availableAt: daysAgo(90), claimedBy: null, lastError: null, processedAt,
});

const notice = (key: string, status: string, createdAt: Date): Partial<NoticeRecord> => ({
  eventKey: key, ticketId: 1, ref: 'R-000001', eventCode: 'created', personId: 'p1', userId: 'u1', locale: null, via: 'caller', status,
  reason: null, attempts: 0, nextAttemptAt: createdAt, claimedBy: null, lastError: null, title: 't', body: 'b', createdAt, sentAt: null,
});

const inbox = (id: string, status: string, receivedAt: Date, doneAt: Date | null): Partial<InboxRecord> => ({
  id, kind: 'message', payload: `{"msgId":"${id}"}`, receivedAt, status, attempts: 0, lastError: null, doneAt, outcome: null, leaseUntil: receivedAt, claimedBy: null,
});

describeOnDatabases('retention', (h) => {
  let db: Database;
  let oldClosed: number;
  let newClosed: number;
  let oldResolved: number;

  beforeAll(async () => {
    db = h.db();
    await db.ds.transaction(async (m) => {
      oldClosed = await ticket(m, 'closed', daysAgo(40));
      newClosed = await ticket(m, 'closed', daysAgo(5));
      oldResolved = await ticket(m, 'resolved', null);
      // 7 old done outbox rows (batches of 3 below), one recent, one old dead and one old pending
      for (let i = 0; i < 7; i++) await m.insert(OutboxRecord, outbox('done', daysAgo(31 + i)));
      await m.insert(OutboxRecord, [outbox('done', daysAgo(2)), outbox('dead', null), outbox('pending', null)]);
      await m.insert(NoticeRecord, [
        notice('e1', 'sent', daysAgo(45)),
        notice('e2', 'dead', daysAgo(45)),
        notice('e3', 'skipped', daysAgo(45)),
        notice('e4', 'pending', daysAgo(45)),
        notice('e5', 'sent', daysAgo(3)),
      ]);
      await m.insert(InboxRecord, [
        inbox('old-done', 'done', daysAgo(40), daysAgo(40)),
        inbox('old-dead', 'dead', daysAgo(40), null),
        inbox('old-pending', 'pending', daysAgo(40), null),
        inbox('done-2d', 'done', daysAgo(2), daysAgo(2)),
        inbox('dead-2d', 'dead', daysAgo(2), null),
        inbox('done-1h', 'done', new Date(NOW.getTime() - 3_600_000), new Date(NOW.getTime() - 3_600_000)),
      ]);
      await m.insert(ProcessRecord, [
        { owner: 'gone', host: 'h', pid: 1, startedAt: daysAgo(3), heartbeatAt: daysAgo(2) },
        { owner: 'alive', host: 'h', pid: 2, startedAt: daysAgo(3), heartbeatAt: NOW },
      ]);
      // A recording parked 40 days ago for a picker never picked goes; one parked yesterday and a ticket's stay.
      await m.insert(AttachmentRecord, [parked('old-pick', 0, daysAgo(40)), parked('new-pick', 0, daysAgo(1)), parked('filed', oldClosed, daysAgo(40))]);
      await m.insert(IntakeDraftRecord, { id: 'draft', personId: 'p1', userId: 'u1', conversationId: 'c', conversationType: 'dm', text: 'x', createdAt: daysAgo(60), ticketId: null });
    });
  });

  it('purges what is older than the retention, in batches, and nothing else', async () => {
    const retention = new DatabaseRetention(db, { retentionDays: 30, batch: 3, pauseMs: 0, now: () => NOW, log: silentLog });
    const report = await retention.runOnce();
    expect(report).toEqual({ outbox: 7, notices: 3, thresholds: 1, cards: 1, inboxTrimmed: 1, inboxDeleted: 2, processes: 1, parkedAttachments: 1 });

    const m = db.ds.manager;
    expect((await m.find(OutboxRecord, { order: { id: 'ASC' } })).map((o) => o.status)).toEqual(['done', 'dead', 'pending']);
    expect((await m.find(NoticeRecord, { order: { id: 'ASC' } })).map((n) => n.eventKey)).toEqual(['e4', 'e5']);
    // Only the ticket closed 40 days ago lost its thresholds and cards; every ticket keeps its history and logs.
    const tickets = [oldClosed, newClosed, oldResolved];
    expect(await Promise.all(tickets.map((id) => m.countBy(ThresholdRecord, { ticketId: id })))).toEqual([0, 1, 1]);
    expect(await Promise.all(tickets.map((id) => m.countBy(TicketCardRecord, { ticketId: id })))).toEqual([0, 1, 1]);
    expect(await m.count(TicketRecord)).toBe(3);
    expect(await Promise.all(tickets.map((id) => m.countBy(TicketHistoryRecord, { ticketId: id })))).toEqual([1, 1, 1]);
    expect(await Promise.all(tickets.map((id) => m.countBy(TicketLogRecord, { ticketId: id })))).toEqual([1, 1, 1]);
    const closed = await m.findOneByOrFail(TicketRecord, { id: oldClosed });
    expect(closed.status).toBe('closed');

    const rows = Object.fromEntries((await m.find(InboxRecord)).map((r) => [r.id, r.payload]));
    expect(rows).toEqual({
      'old-pending': '{"msgId":"old-pending"}',
      'done-2d': '', // trimmed: the id alone still dedupes
      'dead-2d': '{"msgId":"dead-2d"}', // kept for a replay after a fix
      'done-1h': '{"msgId":"done-1h"}', // the replay window
    });
    expect((await m.find(ProcessRecord)).map((p) => p.owner)).toEqual(['alive']);
    expect(await m.countBy(IntakeDraftRecord, {})).toBe(1);
    expect((await m.find(AttachmentRecord, { order: { id: 'ASC' } })).map((a) => a.sourceMsg)).toEqual(['new-pick', 'filed']);

    // A second run finds nothing more.
    expect(await retention.runOnce()).toEqual({ outbox: 0, notices: 0, thresholds: 0, cards: 0, inboxTrimmed: 0, inboxDeleted: 0, processes: 0, parkedAttachments: 0 });
  });

  it('runs in one process at a time (MySQL: the named lock; SQLite is single-process)', async () => {
    if (h.dialect !== 'mysql') return;
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query("SELECT GET_LOCK('itopbot:retention', 0)");
      const retention = new DatabaseRetention(db, { retentionDays: 30, pauseMs: 0, now: () => NOW, log: silentLog });
      expect(await retention.runOnce()).toBeNull();
      await runner.query("SELECT RELEASE_LOCK('itopbot:retention')");
      expect(await retention.runOnce()).not.toBeNull();
    } finally {
      await runner.release();
    }
  });
});
