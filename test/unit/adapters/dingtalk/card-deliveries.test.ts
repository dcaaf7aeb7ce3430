/**
 * New holders of one card instance batched across askers: one deliver waiting or in flight per instance, the
 * spaces asked meanwhile in the next call (as many as fit), each asker told the outcome of its own spaces.
 */
import { CardDeliveries, type SpaceOutcome } from '../../../../src/adapters/dingtalk/card-deliveries';
import type { CardSpace } from '../../../../src/domain/ports/chat-gateway.port';
import type { SendPriority } from '../../../../src/adapters/dingtalk/openapi/send-scheduler';

interface Call {
  outTrackId: string;
  users: string[];
  priority: SendPriority;
  finish: (failed?: string[]) => void;
}

function harness(maxPerCall: number, minGapMs?: number) {
  const calls: Call[] = [];
  const deliveries = new CardDeliveries({
    send: (outTrackId, chunk, priority) =>
      new Promise<SpaceOutcome[]>((resolve) => {
        const users = chunk.map((s) => (s.kind === 'dm' ? s.userId : s.conversationId));
        calls.push({
          outTrackId,
          users,
          priority,
          finish: (failed = []) =>
            resolve(users.map((u) => (failed.includes(u) ? { failed: { userId: u, code: 'deliverFailed', message: 'no', retryable: false } } : { delivered: u }))),
        });
      }),
    fits: (spaces) => spaces.length <= maxPerCall,
    key: (s) => (s.kind === 'dm' ? s.userId : s.conversationId),
    ...(minGapMs ? { minGapMs } : {}),
  });
  return { calls, deliveries };
}

const dm = (userId: string): CardSpace => ({ kind: 'dm', userId });
const tick = () => new Promise((r) => setImmediate(r));

describe('CardDeliveries', () => {
  it('spaces asked while a deliver is in flight go together in the next call, split where a call is full', async () => {
    const { calls, deliveries } = harness(3);
    const first = deliveries.add('I-000001', [dm('u0')], 2);
    await tick();
    expect(calls.map((c) => c.users)).toEqual([['u0']]);
    // Five more events, one new holder each, while the first call is out.
    const later = ['u1', 'u2', 'u3', 'u4', 'u5'].map((u, i) => deliveries.add('I-000001', [dm(u)], i === 3 ? 1 : 2));
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    expect(await first).toEqual({ delivered: ['u0'], failed: [] });
    await tick();
    // One call for the three that fit; the best priority among them (u4's 1 is in the next call).
    expect(calls.map((c) => c.users)).toEqual([['u0'], ['u1', 'u2', 'u3']]);
    expect(calls[1]!.priority).toBe(2);
    calls[1]!.finish(['u2']);
    await tick();
    expect(calls.map((c) => c.users)).toEqual([['u0'], ['u1', 'u2', 'u3'], ['u4', 'u5']]);
    expect(calls[2]!.priority).toBe(1);
    calls[2]!.finish();
    const reports = await Promise.all(later);
    expect(reports.map((r) => r.delivered)).toEqual([['u1'], [], ['u3'], ['u4'], ['u5']]);
    expect(reports[1]!.failed).toEqual([{ userId: 'u2', code: 'deliverFailed', message: 'no', retryable: false }]);
  });

  it('instances are independent; the same space asked twice goes once and both askers are told', async () => {
    const { calls, deliveries } = harness(10);
    const a = deliveries.add('I-000001', [dm('u1')], 2);
    const b = deliveries.add('I-000002', [dm('u1')], 2);
    await tick();
    expect(calls.map((c) => c.outTrackId)).toEqual(['I-000001', 'I-000002']);
    const c = deliveries.add('I-000001', [dm('u2'), dm('u3')], 2);
    const d = deliveries.add('I-000001', [dm('u2')], 2);
    calls[0]!.finish();
    calls[1]!.finish();
    await tick();
    expect(calls[2]!.users).toEqual(['u2', 'u3']);
    calls[2]!.finish();
    expect(await a).toEqual({ delivered: ['u1'], failed: [] });
    expect(await b).toEqual({ delivered: ['u1'], failed: [] });
    expect(await c).toEqual({ delivered: ['u2', 'u3'], failed: [] });
    expect(await d).toEqual({ delivered: ['u2'], failed: [] });
  });

  it('with a gap: while holders keep coming the next call waits for the rest of the gap and takes all of them', async () => {
    jest.useFakeTimers();
    try {
      const { calls, deliveries } = harness(49, 250);
      const asked: Array<Promise<unknown>> = [deliveries.add('I-000001', [dm('u0')], 1)];
      await jest.advanceTimersByTimeAsync(0);
      expect(calls).toHaveLength(1);
      calls[0]!.finish(); // a fast call: the next may go only 250 ms after this one started
      for (let i = 1; i <= 20; i++) {
        asked.push(deliveries.add('I-000001', [dm(`u${i}`)], 1));
        await jest.advanceTimersByTimeAsync(10);
      }
      expect(calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(100);
      expect(calls).toHaveLength(2);
      expect(calls[1]!.users).toHaveLength(20);
      calls[1]!.finish();
      await Promise.all(asked);
    } finally {
      jest.useRealTimers();
    }
  });
});
