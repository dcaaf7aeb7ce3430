/**
 * The gate's urgent lane (docs/domain.md §3.2 "firing lateness"): on a pooled database ordinary work holds at most its
 * limit of connections, the rest waits in line; urgent work (an escalation firing) never waits behind it.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { Gate } from '../../../../src/adapters/persistence/gate';

const manager = {} as EntityManager;
const ds = { manager, transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as unknown as DataSource;

function held(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

describe('Gate (pooled, with a limit)', () => {
  it('runs at most `limit` ordinary jobs at once, the others in order; the urgent lane runs at once', async () => {
    const gate = new Gate(ds, false, 2);
    const order: string[] = [];
    const blockers = [held(), held()];
    const ordinary = blockers.map((b, i) => gate.run(async () => {
      order.push(`start ${i}`);
      await b.promise;
    }));
    const third = gate.tx(async () => {
      order.push('start 2');
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['start 0', 'start 1']);
    await gate.urgent.tx(async () => {
      order.push('urgent');
    });
    expect(order).toEqual(['start 0', 'start 1', 'urgent']);
    blockers[0]!.release();
    await third;
    expect(order).toEqual(['start 0', 'start 1', 'urgent', 'start 2']);
    blockers[1]!.release();
    await Promise.all(ordinary);
  });

  it('a failed job frees its place', async () => {
    const gate = new Gate(ds, false, 1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('without a limit, or on SQLite (one connection), the urgent lane is the gate itself', () => {
    const unlimited = new Gate(ds, false);
    expect(unlimited.urgent).toBe(unlimited);
    const serial = new Gate(ds, true, 5);
    expect(serial.urgent).toBe(serial);
  });
});
