import { InboxSweep } from '../../../../src/adapters/dingtalk/inbound/inbox-sweep';
import { silentLog } from '../../../../src/domain/ports/log.port';
import { INBOX_LEASE_MS, type InboxEntry } from '../../../../src/domain/ports/inbox.port';
import { InMemoryInboxStore } from '../../../support/dingtalk/in-memory-inbox.store';

describe('InboxSweep', () => {
  const t0 = new Date('2026-12-01T00:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  function setup(now: () => Date) {
    const inbox = new InMemoryInboxStore();
    const replayed: string[] = [];
    const sweep = new InboxSweep(inbox, { replay: async (e: InboxEntry) => void replayed.push(e.id) }, silentLog, { now });
    return { inbox, replayed, sweep };
  }

  it('takes over only entries whose hold ran out, once each', async () => {
    let now = later(1000);
    const { inbox, replayed, sweep } = setup(() => now);
    await inbox.put({ id: 'held', kind: 'message', payload: '{}', receivedAt: later(0) });
    await sweep.sweepOnce();
    expect(replayed).toEqual([]); // still held by the receiving process
    now = later(INBOX_LEASE_MS + 1);
    await sweep.sweepOnce();
    await sweep.sweepOnce(); // claimed by the first pass: not taken again while its new hold runs
    expect(replayed).toEqual(['held']);
  });

  it('leaves processed rows to retention (src/adapters/persistence/retention.ts): the sweep deletes nothing', async () => {
    const now = later(8 * 86_400_000);
    const { inbox, sweep } = setup(() => now);
    await inbox.put({ id: 'old', kind: 'message', payload: '{}', receivedAt: later(0) });
    await inbox.markDone('old', later(0));
    await inbox.put({ id: 'recent', kind: 'message', payload: '{}', receivedAt: later(0) });
    await inbox.markDone('recent', later(7 * 86_400_000));
    await sweep.sweepOnce();
    expect(await inbox.entry('old')).toMatchObject({ status: 'done' });
    expect(await inbox.entry('recent')).toMatchObject({ status: 'done' });
  });

  it('a failing pass is logged and the sweep goes on; stop waits for the pass in progress', async () => {
    const errors: string[] = [];
    const log = { ...silentLog, error: (m: string) => void errors.push(m) };
    let passes = 0;
    const failing = {
      pending: async () => {
        passes++;
        throw new Error('db down');
      },
    } as unknown as InMemoryInboxStore;
    const sweep = new InboxSweep(failing, { replay: async () => undefined }, log, { everyMs: 5 });
    sweep.start();
    await new Promise((r) => setTimeout(r, 60));
    await sweep.stop();
    const after = passes;
    await new Promise((r) => setTimeout(r, 30));
    expect(after).toBeGreaterThan(1);
    expect(passes).toBe(after);
    expect(errors[0]).toBe('dingtalk.inbox.sweep_failed');
  });
});
