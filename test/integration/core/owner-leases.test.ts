/**
 * Owner-tagged leases with heartbeats, on real databases (SQLite and MariaDB): an inbox frame, an outbox event, a
 * notice or a reconciler claim held by a process whose heartbeat stopped is taken at once by the living (not after
 * its lease); one held by a live process is not; two reconcilers claiming at once split the overdue thresholds,
 * none claimed twice, and the armed → fired guard still holds.
 */
import { ProcessRegistry } from '../../../src/adapters/persistence/process-registry';
import { NoticeRecord } from '../../../src/adapters/persistence/records/notice.record';
import { OutboxRecord } from '../../../src/adapters/persistence/records/outbox.record';
import { ThresholdRecord } from '../../../src/adapters/persistence/records/threshold.record';
import { TypeormEscalationStore } from '../../../src/adapters/persistence/typeorm-escalation-store';
import { TypeormInboxStore } from '../../../src/adapters/persistence/typeorm-inbox-store';
import { TypeormNoticeStore } from '../../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { describeOnDatabases } from '../../support/databases';

const T0 = new Date('2027-04-01T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describeOnDatabases('owner-tagged leases', (h) => {
  /** Processes `crashed` (last heartbeat at T0) and `alive` (beating at `now`), and the taker's registry. */
  async function processes(now: Date) {
    const gate = h.db().gate;
    for (const table of ['processes', 'inbox', 'outbox', 'notices', 'ticket_thresholds']) await gate.ds.query(`DELETE FROM ${table}`);
    const crashed = new ProcessRegistry(gate, { owner: '101-deadbeef', now: () => T0, cacheMs: 0 });
    await crashed.register(); // its last heartbeat at T0, then nothing (killed)
    const alive = new ProcessRegistry(gate, { owner: '202-a11ce000', now: () => now, cacheMs: 0 });
    await alive.register();
    const taker = new ProcessRegistry(gate, { owner: '303-7a4e0000', now: () => now, cacheMs: 0 });
    return { gate, crashed, alive, taker };
  }

  it('knows the dead: a heartbeat older than 10 s, never itself', async () => {
    const { taker } = await processes(at(11_000));
    expect(await taker.deadOwners()).toEqual(['101-deadbeef']);
    const early = await processes(at(5_000));
    expect(await early.taker.deadOwners()).toEqual([]);
  });

  it('counts the live processes at each heartbeat (itself included): what each paces DingTalk at without Redis', async () => {
    const { alive, taker } = await processes(at(5_000));
    await taker.register();
    expect(taker.liveCount()).toBe(3); // the "crashed" one beat 5 s ago: still alive
    const later = await processes(at(11_000));
    await later.taker.register();
    expect(later.taker.liveCount()).toBe(2);
    await later.alive.stop();
    await later.taker.beat();
    expect(later.taker.liveCount()).toBe(1);
    expect(alive.owner).toBe(later.alive.owner);
  });

  it('inbox: a frame stored by a dead process is taken within seconds; a live one keeps its frame', async () => {
    const now = at(11_000); // the crashed process's 60 s lease still runs
    const { gate, taker } = await processes(now);
    const fromCrashed = new TypeormInboxStore(gate, { owner: '101-deadbeef' });
    const fromAlive = new TypeormInboxStore(gate, { owner: '202-a11ce000' });
    await fromCrashed.put({ id: 'in-crashed', kind: 'message', payload: '{}', receivedAt: T0 });
    await fromAlive.put({ id: 'in-alive', kind: 'message', payload: '{}', receivedAt: T0 });
    const sweep = new TypeormInboxStore(gate, { owner: taker.owner, liveness: taker });
    expect((await sweep.pending(now, 10)).map((e) => e.id)).toEqual(['in-crashed']);
    expect(await sweep.claim('in-alive', now, 60_000)).toBe(false);
    expect(await sweep.claim('in-crashed', now, 60_000)).toBe(true);
    expect(await sweep.claim('in-crashed', now, 60_000)).toBe(false); // now held by a live owner: itself
    expect(await sweep.pending(now, 10)).toEqual([]);
    // Without heartbeats the lease expiry is still the fallback.
    const plain = new TypeormInboxStore(gate);
    expect((await plain.pending(at(60_000), 10)).map((e) => e.id)).toEqual(['in-alive']);
  });

  it('outbox: events held by a dead process (own events and claims) are taken at once; a live one keeps its own', async () => {
    const now = at(11_000);
    const { gate, taker } = await processes(now);
    const row = (claimedBy: string): Partial<OutboxRecord> => ({
      ticketId: 1, ref: 'R-000001', type: 'TicketOpened', actor: 'p1', entryPoint: 'chat', at: T0, data: '{}', status: 'pending', attempts: 1,
      availableAt: at(60_000), claimedBy, lastError: null, processedAt: null,
    });
    await gate.ds.getRepository(OutboxRecord).insert([row('101-deadbeef'), row('101-deadbeef#claim-1'), row('202-a11ce000'), row('202-a11ce000#claim-2')]);
    const store = new TypeormOutboxStore(gate, taker);
    const got = await store.claim(taker.owner, 10, now, 5_000);
    expect(got).toHaveLength(2);
    const rows = await gate.ds.getRepository(OutboxRecord).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.claimedBy?.split('#')[0])).toEqual([taker.owner, taker.owner, '202-a11ce000', '202-a11ce000']);
    expect(await store.claim(taker.owner, 10, now, 5_000)).toEqual([]);
  });

  it('notices: a notice claimed by a dead process is sent again at once; a retry waits for its time', async () => {
    const now = at(11_000);
    const { gate, taker } = await processes(now);
    const notice = (key: string, claimedBy: string | null, nextAttemptAt: Date): Partial<NoticeRecord> => ({
      eventKey: key, ticketId: 1, ref: 'R-000001', eventCode: 'created', personId: 'p1', userId: 'u1', locale: null, via: 'caller', status: 'pending',
      reason: null, attempts: 1, nextAttemptAt, claimedBy, lastError: null, title: 't', body: 'b', createdAt: T0, sentAt: null,
    });
    await gate.ds.getRepository(NoticeRecord).insert([
      notice('crashed', '101-deadbeef#c1', at(30_000)),
      notice('alive', '202-a11ce000#c2', at(30_000)),
      notice('retry', null, at(40_000)),
    ]);
    const store = new TypeormNoticeStore(gate, { owner: taker.owner, liveness: taker });
    expect((await store.claimDue(now, 10, 30_000)).map((n) => n.eventKey)).toEqual(['crashed']);
    const [failed] = await gate.ds.getRepository(NoticeRecord).findBy({ eventKey: 'crashed' });
    expect(failed!.claimedBy).toMatch(/^303-7a4e0000#/);
    await store.markFailed(failed!.id, 'boom', at(50_000), false);
    expect((await gate.ds.getRepository(NoticeRecord).findOneByOrFail({ eventKey: 'crashed' })).claimedBy).toBeNull();
  });

  it('reconciler: two claiming at once split the overdue thresholds; a dead claimer’s rows are taken; fired once', async () => {
    const now = at(11_000);
    const { gate, taker } = await processes(now);
    const repo = gate.ds.getRepository(ThresholdRecord);
    const row = (ticketId: number, claimedBy: string | null = null, claimUntil: Date | null = null): Partial<ThresholdRecord> => ({
      ticketId, level: 'tto1', deadlineVersion: 1, thresholdSeconds: 60, dueAt: at(-60_000 + ticketId), status: 'armed', firedAt: null, latenessMs: null,
      assigneePart: 'none', claimedBy, claimUntil,
    });
    await repo.insert(Array.from({ length: 40 }, (_, i) => row(i + 1)));
    const a = new TypeormEscalationStore(gate, taker);
    const b = new TypeormEscalationStore(gate, taker);
    const [x, y] = await Promise.all([a.claimDue('401-aaaa0000', now, 25, 30_000), b.claimDue('402-bbbb0000', now, 25, 30_000)]);
    const ids = [...x, ...y].map((r) => r.ticketId).sort((p, q) => p - q);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1)); // every row once, none twice
    expect(await a.claimDue('401-aaaa0000', now, 100, 30_000)).toEqual([]); // all held
    // The armed → fired guard still decides: a second firing of the same row does nothing.
    const key = { ticketId: 1, level: 'tto1', deadlineVersion: 1 };
    expect(await a.transaction((tx) => tx.markFired(key, now, 1, 'none'))).toBe(true);
    expect(await b.transaction((tx) => tx.markFired(key, now, 1, 'none'))).toBe(false);

    await gate.ds.query('DELETE FROM ticket_thresholds');
    await repo.insert([row(1, '101-deadbeef#r1', at(41_000)), row(2, '202-a11ce000#r2', at(41_000)), row(3, '202-a11ce000#r3', at(5_000))]);
    // Held by the dead: taken; by the living: kept; a claim that ran out: taken.
    expect((await a.claimDue('401-aaaa0000', now, 10, 30_000)).map((r) => r.ticketId)).toEqual([1, 3]);
  });
});
