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
});
