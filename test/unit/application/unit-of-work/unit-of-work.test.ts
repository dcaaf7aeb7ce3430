/** The one unit of work: a transaction with its after-commit hook, and the bounded retry of lost races. */
import { applyDecision } from '../../../../src/application/unit-of-work/apply-decision';
import { LostRace, updateGuarded } from '../../../../src/application/unit-of-work/lost-race';
import { UnitOfWork, type TransactionalStore } from '../../../../src/application/unit-of-work/unit-of-work';
import type { TicketTx } from '../../../../src/domain/ports/ticket-store.port';
import type { Ticket } from '../../../../src/domain/tickets/ticket';

/** A store whose transaction runs the work and records whether it committed or rolled back. */
class RecordingStore implements TransactionalStore<string> {
  committed = 0;
  rolledBack = 0;
  async transaction<T>(work: (tx: string) => Promise<T>): Promise<T> {
    try {
      const r = await work('tx');
      this.committed++;
      return r;
    } catch (e) {
      this.rolledBack++;
      throw e;
    }
  }
}

describe('UnitOfWork.transaction', () => {
  it('calls the after-commit hook once per committed transaction, after the commit', async () => {
    const store = new RecordingStore();
    const seen: number[] = [];
    const uow = new UnitOfWork(store, { afterCommit: () => seen.push(store.committed) });
    expect(await uow.transaction(async (tx) => `${tx}-1`)).toBe('tx-1');
    await uow.transaction(async () => undefined);
    expect(seen).toEqual([1, 2]);
  });

  it('does not call it when the transaction rolled back, and the error propagates', async () => {
    const store = new RecordingStore();
    const hook = jest.fn();
    const uow = new UnitOfWork(store, { afterCommit: hook });
    await expect(uow.transaction(async () => { throw new LostRace(); })).rejects.toBeInstanceOf(LostRace);
    await expect(uow.transaction(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(hook).not.toHaveBeenCalled();
    expect(store.rolledBack).toBe(2);
  });

  it('works without a hook', async () => {
    await expect(new UnitOfWork(new RecordingStore()).transaction(async () => 7)).resolves.toBe(7);
  });
});

describe('UnitOfWork.attempt / retrying', () => {
  it.each([
    [1, 0],
    [5, 4],
    [3, 2],
  ])('with %i attempts, %i lost races then a win: the value, and the hook once', async (maxAttempts, losses) => {
    const store = new RecordingStore();
    const hook = jest.fn();
    const uow = new UnitOfWork(store, { maxAttempts, afterCommit: hook });
    let runs = 0;
    const r = await uow.retrying(() =>
      uow.transaction(async () => {
        if (++runs <= losses) throw new LostRace();
        return { ok: true as const, value: runs };
      }),
    );
    expect(r).toEqual({ ok: true, value: losses + 1 });
    expect(runs).toBe(losses + 1);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(store.rolledBack).toBe(losses);
  });

  it.each([1, 2, 5])('losing every one of %i attempts answers TICKET.CONCURRENT_UPDATE, byte for byte', async (maxAttempts) => {
    const hook = jest.fn();
    const uow = new UnitOfWork(new RecordingStore(), { maxAttempts, afterCommit: hook });
    let runs = 0;
    const r = await uow.retrying(() =>
      uow.transaction(async (): Promise<{ ok: true; value: number }> => {
        runs++;
        throw new LostRace();
      }),
    );
    expect(r).toEqual({ ok: false, error: { code: 'TICKET.CONCURRENT_UPDATE', message: 'the ticket kept changing; try again' } });
    expect(runs).toBe(maxAttempts);
    expect(hook).not.toHaveBeenCalled();
  });

  it('defaults to 5 attempts', async () => {
    const uow = new UnitOfWork(new RecordingStore());
    let runs = 0;
    const done = await uow.attempt(async () => {
      runs++;
      throw new LostRace();
    });
    expect(runs).toBe(5);
    expect(done.won).toBe(false);
    if (!done.won) expect(done.lost).toBeInstanceOf(LostRace);
  });

  it('attempt hands back the last lost race (for callers that rethrow it)', async () => {
    const races: LostRace[] = [];
    const uow = new UnitOfWork(new RecordingStore(), { maxAttempts: 3 });
    const done = await uow.attempt(async () => {
      const e = new LostRace();
      races.push(e);
      throw e;
    });
    expect(done).toEqual({ won: false, lost: races[2] });
    expect(races).toHaveLength(3);
  });

  it('any other error propagates at once, not retried', async () => {
    const uow = new UnitOfWork(new RecordingStore(), { maxAttempts: 5 });
    let runs = 0;
    await expect(
      uow.retrying(async () => {
        runs++;
        throw new TypeError('not a race');
      }),
    ).rejects.toThrow(TypeError);
    expect(runs).toBe(1);
  });

  it('a business failure is returned as it is, not retried', async () => {
    const uow = new UnitOfWork(new RecordingStore());
    let runs = 0;
    const failure = { ok: false as const, error: { code: 'TICKET.NOT_FOUND' as const, message: 'no such ticket' } };
    expect(await uow.retrying(async () => (runs++, failure))).toBe(failure);
    expect(runs).toBe(1);
  });
});

describe('the optimistic version check', () => {
  const ticket = { id: 3, kind: 'request', version: 4, lastUpdate: new Date(0) } as unknown as Ticket;
  const tx = (wins: boolean) => {
    const calls: unknown[][] = [];
    const t = {
      calls,
      update: async (next: Ticket, expected: number) => (calls.push(['update', next.version, expected]), wins),
      appendHistory: async (rows: unknown) => void calls.push(['history', rows]),
      appendLog: async (id: number, e: unknown) => void calls.push(['log', id, e]),
      appendOutbox: async (events: unknown) => void calls.push(['outbox', events]),
    };
    return t as unknown as TicketTx & { calls: unknown[][] };
  };

  it('updateGuarded bumps the version when the stored one was the expected one', async () => {
    const t = tx(true);
    expect(await updateGuarded(t, { ...ticket, version: 4 }, 4)).toMatchObject({ id: 3, version: 5 });
    expect(t.calls).toEqual([['update', 4, 4]]);
  });

  it('updateGuarded throws LostRace otherwise', async () => {
    await expect(updateGuarded(tx(false), ticket, 4)).rejects.toBeInstanceOf(LostRace);
  });

  it('applyDecision writes nothing else after a lost race', async () => {
    const t = tx(false);
    const decision = { ticket, changes: [], events: [], log: null } as unknown as Parameters<typeof applyDecision>[2];
    await expect(applyDecision(t, ticket, decision, 'claim', { person: 'p', entryPoint: 'chat' })).rejects.toBeInstanceOf(LostRace);
    expect(t.calls).toHaveLength(1);
  });
});
