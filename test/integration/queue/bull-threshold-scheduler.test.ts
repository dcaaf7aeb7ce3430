/**
 * BullThresholdScheduler on the real Redis (127.0.0.1:6379 unless TEST_REDIS_URL): firing time, replace/cancel
 * semantics, two processes on one queue, retries, and fast failure while Redis is unreachable. Each run uses its
 * own key prefix and deletes its keys afterwards. "Never fires" is asserted against a later sentinel job that did
 * fire, not by sleeping.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { ThresholdHandler, ThresholdJob } from '../../../src/domain/ports/threshold-scheduler.port';
import {
  BullThresholdScheduler,
  type BullThresholdSchedulerOptions,
} from '../../../src/adapters/queue/bull-threshold-scheduler';
import { RecordingLogger } from '../../support/dingtalk/recording-logger';
import { REDIS_URL, redisAvailable } from '../../support/services';
import { TcpProxy } from '../../support/tcp-proxy';

interface Firing {
  jobId: string;
  dueAt: number;
  firedAt: number;
  by: string;
}

const prefix = `test-${randomBytes(4).toString('hex')}`;
let queueSeq = 0;

function job(jobId: string, dueInMs: number, now = Date.now()): ThresholdJob {
  return { jobId, ticketId: 12, level: jobId.split('-')[0], deadlineVersion: 3, dueAt: new Date(now + dueInMs) };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function waitForKeyGone(key: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const deadline = Date.now() + 5000;
    while ((await redis.exists(key)) === 1) {
      if (Date.now() > deadline) throw new Error(`${key} still exists`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    redis.disconnect();
  }
}

(redisAvailable() ? describe : describe.skip)('BullThresholdScheduler (real Redis)', () => {
  const open: BullThresholdScheduler[] = [];
  let queueName: string;
  let fired: Firing[];
  const firedIds = (id: string): Firing[] => fired.filter((f) => f.jobId === id);

  /** A scheduler on this test's queue (a separate Queue and connections each time, like another process). */
  function makeScheduler(extra: Partial<BullThresholdSchedulerOptions> = {}): BullThresholdScheduler {
    const scheduler = new BullThresholdScheduler({ redisUrl: REDIS_URL, prefix, queueName, ...extra });
    open.push(scheduler);
    return scheduler;
  }

  function recorder(by: string): ThresholdHandler {
    return async (j) => {
      fired.push({ jobId: j.jobId, dueAt: j.dueAt.getTime(), firedAt: Date.now(), by });
    };
  }

  async function started(by = 'a'): Promise<BullThresholdScheduler> {
    const scheduler = makeScheduler();
    await scheduler.start(recorder(by));
    return scheduler;
  }

  beforeEach(() => {
    queueName = `thresholds${++queueSeq}`;
    fired = [];
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.stop()));
  });
  afterAll(() => deleteKeys(`${prefix}:*`));

  it('fires at the due time (lateness recorded, bounded by 1 s)', async () => {
    const scheduler = await started();
    const now = Date.now();
    await scheduler.schedule([job('tto-R-000001-1', 300, now), job('ttr1-R-000001-1', 500, now)]);
    await waitFor(() => fired.length === 2);
    for (const f of fired) {
      expect(f.firedAt - f.dueAt).toBeGreaterThanOrEqual(0);
      expect(f.firedAt - f.dueAt).toBeLessThanOrEqual(1000);
    }
    expect(await scheduler.health()).toEqual({ state: 'up' });
  });

  it('same id and same due time: one firing (also when scheduled from two instances)', async () => {
    const a = await started('a');
    const b = makeScheduler();
    const j = job('tto-R-000002-1', 200);
    await a.schedule([j]);
    await Promise.all([a.schedule([j]), b.schedule([j])]);
    await a.schedule([job('sentinel-R-000002-1', 500)]);
    await waitFor(() => firedIds('sentinel-R-000002-1').length === 1);
    expect(firedIds(j.jobId)).toHaveLength(1);
  });

  it('same id with a new due time: fires once, at the new time (moved earlier or later)', async () => {
    const scheduler = await started();
    const now = Date.now();
    await scheduler.schedule([job('tto-R-000003-1', 10_000, now), job('ttr1-R-000003-1', 150, now)]);
    await scheduler.schedule([job('tto-R-000003-1', 200, now), job('ttr1-R-000003-1', 450, now)]);
    await scheduler.schedule([job('sentinel-R-000003-1', 700, now)]);
    await waitFor(() => firedIds('sentinel-R-000003-1').length === 1);
    expect(firedIds('tto-R-000003-1')).toEqual([expect.objectContaining({ dueAt: now + 200 })]);
    expect(firedIds('ttr1-R-000003-1')).toEqual([expect.objectContaining({ dueAt: now + 450 })]);
    expect(firedIds('ttr1-R-000003-1')[0].firedAt).toBeGreaterThanOrEqual(now + 450);
  });

  it('cancel: the job never fires; unknown ids are ignored', async () => {
    const scheduler = await started();
    await scheduler.schedule([job('tto-R-000004-1', 200), job('sentinel-R-000004-1', 500)]);
    await scheduler.cancel(['tto-R-000004-1', 'ttr3-R-999999-1']);
    await waitFor(() => firedIds('sentinel-R-000004-1').length === 1);
    expect(firedIds('tto-R-000004-1')).toHaveLength(0);
  });

  it('past due: fires at once', async () => {
    const scheduler = await started();
    const before = Date.now();
    await scheduler.schedule([job('tto-R-000005-1', -60_000)]);
    await waitFor(() => fired.length === 1);
    expect(fired[0].firedAt - before).toBeLessThan(1000);
    await scheduler.schedule([job('sentinel-R-000005-1', 200)]);
    await waitFor(() => firedIds('sentinel-R-000005-1').length === 1);
    expect(firedIds('tto-R-000005-1')).toHaveLength(1);
  });

  it('an id that completed is gone (removeOnComplete): scheduling it again fires again', async () => {
    const scheduler = await started();
    const j = job('tto-R-000006-1', 0);
    await scheduler.schedule([j]);
    await waitFor(() => fired.length === 1);
    await waitForKeyGone(`${prefix}:${queueName}:${j.jobId}`); // Bull removes the job hash on completion
    await scheduler.schedule([j]);
    await waitFor(() => fired.length === 2);
    await scheduler.schedule([job('sentinel-R-000006-1', 200)]);
    await waitFor(() => firedIds('sentinel-R-000006-1').length === 1);
    expect(firedIds(j.jobId)).toHaveLength(2);
  });

  it('jobs scheduled before start (or by another instance) fire once a processor runs', async () => {
    const producer = makeScheduler();
    await producer.schedule([job('tto-R-000007-1', -1000)]);
    await started('consumer');
    await waitFor(() => fired.length === 1);
    expect(fired[0].by).toBe('consumer');
  });

  it('two instances on one queue: each job is handled exactly once', async () => {
    const a = await started('a');
    const b = await started('b');
    const now = Date.now();
    const jobs = Array.from({ length: 40 }, (_, i) => job(`tto-R-${String(100 + i).padStart(6, '0')}-1`, 300 + (i % 10) * 20, now));
    await Promise.all([a.schedule(jobs.slice(0, 25)), b.schedule(jobs.slice(15))]);
    await waitFor(() => fired.length >= jobs.length);
    await a.schedule([job('sentinel-R-000100-1', 300)]);
    await waitFor(() => firedIds('sentinel-R-000100-1').length === 1);
    for (const j of jobs) expect(firedIds(j.jobId)).toHaveLength(1);
    expect(fired).toHaveLength(jobs.length + 1);
  });

  it('a handler that throws is retried with backoff and then succeeds', async () => {
    const logger = new RecordingLogger();
    const scheduler = makeScheduler({ logger });
    const calls: number[] = [];
    await scheduler.start(async () => {
      calls.push(Date.now());
      if (calls.length === 1) throw new Error('database busy');
    });
    await scheduler.schedule([job('tto-R-000008-1', 0)]);
    await waitFor(() => calls.length === 2);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(450); // first backoff step: 500 ms
    expect(logger.find('queue.job.failed_will_retry')).toHaveLength(1);
  });

  it('a running job: same due time → left alone; another → SCHEDULER.JOB_BUSY; cancel → it finishes, once', async () => {
    const scheduler = makeScheduler();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    await scheduler.start(async (j) => {
      calls.push(j.jobId);
      if (j.jobId === 'tto-R-000030-1') await released;
    });
    const j = job('tto-R-000030-1', 0);
    await scheduler.schedule([j]);
    await waitFor(() => calls.length === 1);

    await scheduler.schedule([j]);
    await expect(scheduler.schedule([job(j.jobId, 60_000)])).rejects.toMatchObject({ code: 'SCHEDULER.JOB_BUSY' });
    await scheduler.cancel([j.jobId]);
    release();
    await scheduler.schedule([job('sentinel-R-000030-1', 200)]);
    await waitFor(() => calls.includes('sentinel-R-000030-1'));
    expect(calls.filter((id) => id === j.jobId)).toHaveLength(1);
  });

  it("a ticket's new jobs are added in one MULTI and read back in one pipeline (not three round trips each), then fire once", async () => {
    const scheduler = makeScheduler();
    const stats = new Redis(REDIS_URL);
    const calls = async (): Promise<Record<string, number>> => {
      const info = await stats.info('commandstats');
      const out: Record<string, number> = {};
      for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) out[m[1]!] = Number(m[2]);
      return out;
    };
    try {
      await scheduler.health(); // connects the producer outside the counted window
      const now = Date.now();
      const jobs = [job('tto-R-000040-1', 400, now), job('ttr1-R-000040-1', 500, now), job('ttr2-R-000040-1', 600, now)];
      const before = await calls();
      await scheduler.schedule(jobs);
      const after = await calls();
      const delta = (c: string) => (after[c] ?? 0) - (before[c] ?? 0);
      // Three adds (Bull's addJob script) in one MULTI, three hash reads: no per-job read before the add.
      expect(delta('exec')).toBe(1);
      expect(delta('hgetall')).toBe(3);
      await scheduler.start(recorder('a'));
      await waitFor(() => fired.length === 3);
      await new Promise((r) => setTimeout(r, 300));
      expect(fired.map((f) => f.jobId).sort()).toEqual(jobs.map((j) => j.jobId).sort());
    } finally {
      stats.disconnect();
    }
  });

  it('rejects ids with ":"', async () => {
    const scheduler = makeScheduler();
    await expect(scheduler.schedule([job('tto:R-000009-1', 100)])).rejects.toThrow(TypeError);
  });

  it('Redis outage: schedule fails fast, and jobs due meanwhile fire soon after Redis is back', async () => {
    const redis = new URL(REDIS_URL);
    const proxy = new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    await proxy.up();
    try {
      const viaProxy = `redis://127.0.0.1:${proxy.port}${redis.pathname}`;
      const a = makeScheduler({ redisUrl: viaProxy });
      await a.start(recorder('a'));
      await a.schedule([job('tto-R-000020-1', 300)]);
      expect(await a.health()).toEqual({ state: 'up' });

      await proxy.down();
      await waitFor(async () => (await a.health()).state === 'down', 2000);
      const t0 = Date.now();
      await expect(a.schedule([job('ttr1-R-000020-1', 300)])).rejects.toMatchObject({ code: 'SCHEDULER.UNAVAILABLE' });
      expect(Date.now() - t0).toBeLessThan(2500);
      // A second instance that starts during the outage (start() does not fail).
      const b = makeScheduler({ redisUrl: viaProxy });
      await b.start(recorder('b'));
      await new Promise((r) => setTimeout(r, 600)); // let tto-R-000020-1 fall due during the outage
      expect(fired).toHaveLength(0);

      const backAt = Date.now();
      await proxy.up();
      await waitFor(() => fired.length === 1);
      expect(Date.now() - backAt).toBeLessThan(5000); // docs/domain.md §3.3; the reconnect backoff is capped at 2 s
      await waitFor(async () => (await a.health()).state === 'up');
      await b.schedule([job('ttr1-R-000020-1', 200)]);
      await waitFor(() => firedIds('ttr1-R-000020-1').length === 1);
    } finally {
      await Promise.all(open.splice(0).map((s) => s.stop()));
      await proxy.down();
    }
  });

  it('refuses work after stop', async () => {
    const scheduler = await started();
    await scheduler.stop();
    await expect(scheduler.schedule([job('tto-R-000010-1', 100)])).rejects.toMatchObject({ code: 'SCHEDULER.STOPPED' });
    expect(await scheduler.health()).toMatchObject({ state: 'down' });
  });
});

describe('BullThresholdScheduler with Redis unreachable', () => {
  it('schedule and cancel reject within a couple of seconds; health is down; start and stop do not hang', async () => {
    const logger = new RecordingLogger();
    const scheduler = new BullThresholdScheduler({ redisUrl: 'redis://127.0.0.1:1', prefix, logger });
    try {
      let t0 = Date.now();
      await expect(scheduler.schedule([job('tto-R-000011-1', 100)])).rejects.toMatchObject({
        code: 'SCHEDULER.UNAVAILABLE',
      });
      expect(Date.now() - t0).toBeLessThan(2500);

      t0 = Date.now();
      await expect(scheduler.cancel(['tto-R-000011-1'])).rejects.toMatchObject({ code: 'SCHEDULER.UNAVAILABLE' });
      expect(Date.now() - t0).toBeLessThan(2500);

      const health = await scheduler.health();
      expect(health.state).toBe('down');
      expect(String(health.error)).toMatch(/ECONNREFUSED/);

      t0 = Date.now();
      await scheduler.start(async () => undefined);
      expect(Date.now() - t0).toBeLessThan(2500);
      expect(logger.find('queue.started_without_redis')).toHaveLength(1);
    } finally {
      const t0 = Date.now();
      await scheduler.stop();
      expect(Date.now() - t0).toBeLessThan(3000);
    }
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
