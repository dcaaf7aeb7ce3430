/**
 * The outgoing call scheduler: per API, the highest-priority oldest waiting call gets the next slot the limiter
 * grants; a retried call comes back with its priority and place; queue depth and oldest age per priority.
 */
import type { AxiosInstance } from 'axios';
import { DingTalkHttp, DEFAULT_RETRY_POLICY } from '../../../../src/adapters/dingtalk/openapi/dingtalk-http';
import type { RateLimiter } from '../../../../src/adapters/dingtalk/openapi/rate-limiter';
import { SendScheduler, type SendPriority } from '../../../../src/adapters/dingtalk/openapi/send-scheduler';
import { silentLog } from '../../../../src/domain/ports/log.port';

/** A limiter that grants one slot per `grant()` (per API key, in the order asked). */
class HandLimiter implements RateLimiter {
  private readonly waiting: Array<{ key: string; resolve: () => void }> = [];
  acquire(key: string): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ key, resolve }));
  }
  get asked(): number {
    return this.waiting.length;
  }
  async grant(): Promise<void> {
    this.waiting.shift()?.resolve();
    await flush();
  }
}

const flush = () => new Promise((r) => setImmediate(r));

describe('SendScheduler', () => {
  it('gives each slot to the highest-priority oldest waiting call of that API', async () => {
    const limiter = new HandLimiter();
    const scheduler = new SendScheduler(limiter);
    const order: string[] = [];
    const ask = (name: string, p: SendPriority, api = 'card.instances.update') => scheduler.acquire(api, p).then(() => order.push(name));
    void ask('inform-1', 4);
    void ask('update-1', 3);
    void ask('update-2', 3);
    void ask('act-1', 2);
    void ask('answer-1', 1);
    void ask('other-api', 4, 'robot.oToMessages.batchSend');
    // One slot is asked per API at a time, whatever the number waiting.
    expect(limiter.asked).toBe(2);
    await limiter.grant(); // update API: answer first, although it came last
    await limiter.grant(); // batchSend's own queue
    await limiter.grant();
    void ask('answer-2', 1); // arrives while the update API's next slot is awaited: still goes next
    for (let i = 0; i < 4; i++) await limiter.grant();
    expect(order).toEqual(['answer-1', 'other-api', 'act-1', 'answer-2', 'update-1', 'update-2', 'inform-1']);
  });

  it('puts a call with an older `since` (a retry) before newer calls of its priority, never before a higher one', async () => {
    const limiter = new HandLimiter();
    let now = 10_000;
    const scheduler = new SendScheduler(limiter, { now: () => now });
    const order: string[] = [];
    void scheduler.acquire('a', 3).then(() => order.push('new-update'));
    void scheduler.acquire('a', 1).then(() => order.push('answer'));
    void scheduler.acquire('a', 3, 1_000).then(() => order.push('retried-update'));
    for (let i = 0; i < 3; i++) await limiter.grant();
    expect(order).toEqual(['answer', 'retried-update', 'new-update']);
  });

  it('reports depth and the oldest age per priority', async () => {
    const limiter = new HandLimiter();
    let now = 0;
    const scheduler = new SendScheduler(limiter, { now: () => now });
    void scheduler.acquire('a', 1);
    now = 2_000;
    void scheduler.acquire('b', 1);
    void scheduler.acquire('a', 4);
    now = 12_500;
    expect(scheduler.stats()).toEqual({ depth: { 1: 2, 2: 0, 3: 0, 4: 1 }, oldestAgeSeconds: { 1: 12.5, 2: 0, 3: 0, 4: 10.5 } });
    await limiter.grant();
    expect(scheduler.stats().depth[1]).toBe(1);
  });
});

describe('DingTalkHttp through the scheduler', () => {
  it('a throttled call waits its backoff outside the queue and comes back with its priority, ahead of waiting lower ones', async () => {
    const limiter = new HandLimiter();
    const scheduler = new SendScheduler(limiter);
    const sent: string[] = [];
    const answers = [{ status: 403, data: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'slow down' } }];
    const axiosInstance = {
      request: async (config: { data: { tag: string } }) => {
        sent.push(config.data.tag);
        return answers.shift() ?? { status: 200, data: {} };
      },
    } as unknown as AxiosInstance;
    let endBackoff: () => void = () => undefined;
    const slept: number[] = [];
    const http = new DingTalkHttp({
      apiBase: 'http://dingtalk.test',
      oapiBase: 'http://oapi.test',
      scheduler,
      retry: DEFAULT_RETRY_POLICY,
      timeoutMs: 1000,
      logger: silentLog,
      getToken: async () => 'token',
      invalidateToken: () => undefined,
      onApiCall: () => undefined,
      sleep: (ms) => {
        slept.push(ms);
        return new Promise<void>((r) => (endBackoff = r));
      },
      axiosInstance,
    });
    const call = (tag: string, priority: SendPriority) =>
      http.request({ api: 'robot.oToMessages.batchSend', priority, method: 'POST', target: { base: 'api', path: '/x' }, auth: 'header', body: { tag } });

    const answer = call('answer', 1);
    await flush();
    await limiter.grant(); // first attempt: throttled → backoff (no slot held)
    expect(sent).toEqual(['answer']);
    expect(slept).toHaveLength(1);
    const notices = [call('inform-1', 4), call('inform-2', 4)];
    await flush();
    expect(scheduler.stats().depth).toEqual({ 1: 0, 2: 0, 3: 0, 4: 2 });
    endBackoff();
    await flush();
    expect(scheduler.stats().depth).toEqual({ 1: 1, 2: 0, 3: 0, 4: 2 });
    for (let i = 0; i < 3; i++) await limiter.grant();
    await Promise.all([answer, ...notices]);
    expect(sent).toEqual(['answer', 'answer', 'inform-1', 'inform-2']);
  });
});
