/** Coalesced card updates: at most one PUT per card in flight; a newer render replaces the waiting one. */
import { CoalescedCardUpdates } from '../../../../src/bot/support/card-updates';
import type { CardView } from '../../../../src/domain/ports/chat-gateway.port';

const view = (n: number): CardView => ({ ref: 'R-000001', status: `s${n}`, statusLabel: '', title: '', lastMessage: '', fields: [], publicActions: [], privateActions: {} });

describe('CoalescedCardUpdates', () => {
  it('ten changes within 100 ms → at most two PUTs, the last carrying the final state; everyone resolves', async () => {
    // Fake timers: a real 10 ms sleep overruns under load (the window is what is tested, not the machine).
    jest.useFakeTimers();
    try {
      const sent: string[] = [];
      const u = new CoalescedCardUpdates(async (_id, v) => {
        sent.push(v.status);
        await new Promise((r) => setTimeout(r, 120)); // a PUT slower than the burst
      });
      const all: Array<Promise<void>> = [];
      for (let i = 1; i <= 10; i++) {
        all.push(u.update('R-000001', view(i)));
        await jest.advanceTimersByTimeAsync(10);
      }
      await jest.advanceTimersByTimeAsync(500);
      await Promise.all(all);
      expect(sent.length).toBeLessThanOrEqual(2);
      expect(sent[sent.length - 1]).toBe('s10');
    } finally {
      jest.useRealTimers();
    }
  });

  it('a render equal to the last one sent is not sent again; a failure rejects and the next render is sent', async () => {
    const sent: string[] = [];
    let fail = false;
    const u = new CoalescedCardUpdates(async (_id, v) => {
      if (fail) throw new Error('throttled');
      sent.push(v.status);
    });
    await u.update('R-000001', view(1));
    await u.update('R-000001', view(1));
    expect(sent).toEqual(['s1']);
    fail = true;
    await expect(u.update('R-000001', view(2))).rejects.toThrow('throttled');
    fail = false;
    await u.update('R-000001', view(2));
    expect(sent).toEqual(['s1', 's2']);
  });

  it('with a gap: updates queued during a storm go at most one per gap, the last state each time; a lone update at once', async () => {
    jest.useFakeTimers();
    try {
      const sent: Array<{ status: string; at: number }> = [];
      const u = new CoalescedCardUpdates(async (_id, v) => {
        sent.push({ status: v.status, at: Date.now() });
        await new Promise((r) => setTimeout(r, 50));
      }, 1000);
      const t0 = Date.now();
      const all: Array<Promise<void>> = [];
      // 30 changes over 3 s (10 a second).
      for (let i = 1; i <= 30; i++) {
        all.push(u.update('I-000001', view(i)));
        await jest.advanceTimersByTimeAsync(100);
      }
      await jest.advanceTimersByTimeAsync(3000);
      await Promise.all(all);
      expect(sent.length).toBeLessThanOrEqual(5);
      expect(sent[sent.length - 1]!.status).toBe('s30');
      for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(1000);
      // Long after: a lone update goes at once.
      const before = sent.length;
      const lone = u.update('I-000001', view(31));
      await jest.advanceTimersByTimeAsync(0);
      expect(sent.length).toBe(before + 1);
      expect(sent[before]!.at - t0).toBeGreaterThanOrEqual(6000);
      await jest.advanceTimersByTimeAsync(100);
      await lone;
    } finally {
      jest.useRealTimers();
    }
  });
});
