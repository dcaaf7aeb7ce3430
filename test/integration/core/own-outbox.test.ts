/**
 * Own-outbox events (the writing process handles its events without reading them back), on SQLite and MariaDB:
 * rows are written leased to the writer and handed over only after the commit; nobody else takes them while the
 * lease holds, anybody does once it ran out (the writer died); the dispatcher handles them, in order per ticket,
 * several commits in one batch, and marks them done.
 */
import { TypeormOutboxStore } from '../../../src/adapters/persistence/typeorm-outbox-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { silentLog } from '../../../src/domain/ports/log.port';
import type { OutboxRecord } from '../../../src/domain/ports/outbox.port';
import type { TicketEvent } from '../../../src/domain/tickets/events';
import { OutboxDispatcher } from '../../../src/application/outbox/outbox-dispatcher';
import { describeOnDatabases } from '../../support/databases';
import { FakeClock } from '../../support/fake-clock';

const AT = new Date('2026-11-30T02:00:00.000Z');
const LEASE = 5_000;

const event = (ticketId: number, type: TicketEvent['type'] = 'TicketCreated'): TicketEvent => ({
  type,
  ticketId,
  ref: `R-${String(ticketId).padStart(6, '0')}`,
  actor: 'p1',
  entryPoint: 'chat',
  at: AT,
  data: {},
});

describeOnDatabases('own outbox', (h) => {
  function setup() {
    const clock = new FakeClock(AT);
    const handed: OutboxRecord[][] = [];
    const store = new TypeormTicketStore(h.db().gate, { owner: 'me', leaseMs: LEASE, clock, committed: (r) => handed.push(r) });
    const outbox = new TypeormOutboxStore(h.db().gate);
    return { clock, handed, store, outbox };
  }

  it('writes the events leased to the writer and hands them over after the commit only', async () => {
    const { handed, store, outbox } = setup();
    await store.transaction((tx) => tx.appendOutbox([event(101), event(101, 'TicketAssigned')]));
    expect(handed).toHaveLength(1);
    expect(handed[0]!.map((r) => [r.event.ticketId, r.event.type, r.attempts])).toEqual([
      [101, 'TicketCreated', 1],
      [101, 'TicketAssigned', 1],
    ]);
    expect(handed[0]![1]!.id).toBeGreaterThan(handed[0]![0]!.id);
    // A rolled-back transaction hands nothing over and leaves no row.
    await expect(
      store.transaction(async (tx) => {
        await tx.appendOutbox([event(102)]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(handed).toHaveLength(1);
    // Another process polling now gets nothing: the rows are the writer's until the lease runs out …
    expect(await outbox.claim('other', 100, new Date(AT.getTime() + LEASE - 1), LEASE)).toEqual([]);
    // … then they are anybody's (the writer died before handling them), with the attempt counted.
    const taken = await outbox.claim('other', 100, new Date(AT.getTime() + LEASE), LEASE);
    expect(taken.map((r) => [r.id, r.attempts])).toEqual(handed[0]!.map((r) => [r.id, 2]));
  });

  it('the dispatcher handles own events at once, one batch at a time, in order per ticket, and marks them done', async () => {
    const { clock, outbox } = setup();
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const dispatcher = new OutboxDispatcher(
      outbox,
      [
        async (r) => {
          if (r.event.ticketId === 201) await gate; // the first batch stays open until released
          seen.push(`${r.event.ticketId}:${r.event.type}`);
        },
      ],
      clock,
      silentLog,
      { owner: 'me' },
    );
    const records: OutboxRecord[][] = [];
    const own = new TypeormTicketStore(h.db().gate, { owner: 'me', leaseMs: LEASE, clock, committed: (r) => records.push(r) });
    await own.transaction((tx) => tx.appendOutbox([event(201)]));
    await own.transaction((tx) => tx.appendOutbox([event(202), event(202, 'TicketAssigned')]));
    await own.transaction((tx) => tx.appendOutbox([event(203)]));
    const first = dispatcher.handleOwn(records[0]!);
    // Handed over while the first batch is being handled: they wait, then go together.
    const second = dispatcher.handleOwn(records[1]!);
    const third = dispatcher.handleOwn(records[2]!);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
    release();
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 1]);
    expect(seen.slice(0, 1)).toEqual(['201:TicketCreated']);
    expect(seen.filter((s) => s.startsWith('202'))).toEqual(['202:TicketCreated', '202:TicketAssigned']);
    expect(seen).toHaveLength(4);
    // Done: nobody takes them again, even after the lease.
    const mine = new Set(records.flat().map((r) => r.id));
    const later = await outbox.claim('other', 100, new Date(AT.getTime() + 60_000), LEASE);
    expect(later.filter((r) => mine.has(r.id))).toEqual([]);
  });

  it('leaves to the pollers an own event whose lease ran out before its turn', async () => {
    const { clock, outbox } = setup();
    const seen: number[] = [];
    const dispatcher = new OutboxDispatcher(outbox, [async (r) => void seen.push(r.event.ticketId)], clock, silentLog, { owner: 'me' });
    const records: OutboxRecord[][] = [];
    const own = new TypeormTicketStore(h.db().gate, { owner: 'me', leaseMs: LEASE, clock, committed: (r) => records.push(r) });
    await own.transaction((tx) => tx.appendOutbox([event(301)]));
    expect(records[0]![0]!.leasedUntil?.getTime()).toBe(AT.getTime() + LEASE);
    clock.advance(LEASE); // an overloaded process got to it too late
    expect(await dispatcher.handleOwn(records[0]!)).toBe(0);
    expect(seen).toEqual([]);
    // The pollers take it (with its attempt counted) and handle it.
    expect(await dispatcher.drain()).toBeGreaterThanOrEqual(1);
    expect(seen).toContain(301);
  });
});
