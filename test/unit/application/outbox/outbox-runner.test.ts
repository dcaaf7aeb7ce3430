/**
 * The application's outbox runner over an in-memory outbox: reactions run first-registered stage first, then in
 * registration order (each layer registers its own), sharing one context per event; polled and own events are
 * handled, and the `onHandled` hook says which.
 */
import { OutboxRunner, type HandledVia } from '../../../../src/application/outbox/outbox-runner';
import { OutboxReactions } from '../../../../src/application/outbox/reactions';
import { silentLog } from '../../../../src/domain/ports/log.port';
import type { OutboxRecord, OutboxStore } from '../../../../src/domain/ports/outbox.port';
import type { TicketEvent } from '../../../../src/domain/tickets/events';

const AT = new Date('2026-12-02T02:00:00.000Z');
const clock = { now: () => AT };

const record = (id: number, ticketId = id, leasedUntil?: Date): OutboxRecord => ({
  id,
  attempts: 1,
  leasedUntil,
  event: { type: 'TicketCreated', ticketId, ref: `R-${String(ticketId).padStart(6, '0')}`, actor: 'p', entryPoint: 'chat', at: AT, data: {} } as TicketEvent,
});

class MemoryOutbox implements OutboxStore {
  due: OutboxRecord[] = [];
  done: number[] = [];
  failed: number[] = [];
  async claim(_owner: string, limit: number): Promise<OutboxRecord[]> {
    return this.due.splice(0, limit);
  }
  async markDone(ids: number[]): Promise<void> {
    this.done.push(...ids);
  }
  async markFailed(id: number): Promise<void> {
    this.failed.push(id);
  }
  async stats() {
    return {};
  }
  async dead() {
    return [];
  }
  async replay() {
    return false;
  }
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('OutboxRunner', () => {
  let runner: OutboxRunner;
  afterEach(() => runner.stop());

  it('runs the reactions registered first, then the others, in registration order, for polled and own events, and tells the listeners how', async () => {
    const outbox = new MemoryOutbox();
    outbox.due.push(record(1, 1), record(2, 1)); // one ticket: in order
    const ran: string[] = [];
    const reactions = new OutboxReactions().register(async (r) => void ran.push(`escalation:${r.id}`));
    runner = new OutboxRunner(outbox, reactions, clock, silentLog, { owner: 'me', pollMs: 60_000 });
    reactions.registerFirst(async (r) => void ran.push(`cards:${r.id}`));
    const told: Array<[HandledVia, number]> = [];
    runner.onHandled((via, n) => told.push([via, n]));

    runner.handleOwn([record(9)]); // not started: ignored (its lease runs out, a poller takes it)
    runner.start();
    await until(() => outbox.done.length === 2);
    expect(ran).toEqual(['cards:1', 'escalation:1', 'cards:2', 'escalation:2']);
    expect(told).toEqual([['polled', 2]]);

    runner.handleOwn([record(3), record(4, 3)]);
    await until(() => outbox.done.length === 4);
    await until(() => told.length === 2);
    expect(ran.slice(4)).toEqual(['cards:3', 'escalation:3', 'cards:4', 'escalation:4']);
    expect(told[1]).toEqual(['own', 2]);
    expect(outbox.done).toEqual([1, 2, 3, 4]);
  });

  it('gives every reaction of an event one fresh context; a failure does not stop the later ones, the event is retried', async () => {
    const outbox = new MemoryOutbox();
    outbox.due.push(record(1, 1), record(2, 2));
    const seen: Array<[number, string[]]> = [];
    const reactions = new OutboxReactions()
      .registerFirst(async (r, ctx) => {
        ctx.cardRecipients.add(`p${r.id}`);
        if (r.id === 2) throw new Error('card refused');
      })
      .register(async (r, ctx) => void seen.push([r.id, [...ctx.cardRecipients]]));
    runner = new OutboxRunner(outbox, reactions, clock, silentLog, { owner: 'me', pollMs: 60_000 });
    runner.start();
    await until(() => outbox.done.length === 1 && outbox.failed.length === 1);
    expect(seen.sort()).toEqual([[1, ['p1']], [2, ['p2']]]);
    expect(outbox.done).toEqual([1]);
    expect(outbox.failed).toEqual([2]);
  });

  it('own events whose lease ran out are left to the pollers; nothing handled tells nobody', async () => {
    const outbox = new MemoryOutbox();
    runner = new OutboxRunner(outbox, new OutboxReactions(), clock, silentLog, { owner: 'me', pollMs: 60_000 });
    const told: HandledVia[] = [];
    runner.onHandled((via) => told.push(via));
    runner.start();
    runner.handleOwn([record(5, 5, new Date(AT.getTime() - 1))]);
    await new Promise((r) => setTimeout(r, 30));
    expect(told).toEqual([]);
  });

  it('kick polls again at once; after stop, own events are ignored', async () => {
    const outbox = new MemoryOutbox();
    const ran: number[] = [];
    runner = new OutboxRunner(outbox, new OutboxReactions([async (r) => void ran.push(r.id)]), clock, silentLog, { owner: 'me', pollMs: 60_000 });
    runner.start();
    await new Promise((r) => setTimeout(r, 10));
    outbox.due.push(record(7));
    runner.kick();
    await until(() => ran.length === 1);
    await runner.stop();
    runner.handleOwn([record(8)]);
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([7]);
  });
});
