/**
 * InProcessThresholdScheduler: the embedded-mode timers, with the same behavioural cases as the Bull scheduler's
 * integration test. Real timers with short delays (timestamps recorded, never "sleep and hope"), plus fake timers
 * for delays beyond setTimeout's 2^31−1 ms limit.
 */
import type { ThresholdJob } from '../../../../src/domain/ports/threshold-scheduler.port';
import { InProcessThresholdScheduler } from '../../../../src/adapters/queue/in-process-threshold-scheduler';
import { RecordingLogger } from '../../../support/dingtalk/recording-logger';

interface Firing {
  jobId: string;
  dueAt: number;
  firedAt: number;
}

function job(jobId: string, dueInMs: number, now = Date.now()): ThresholdJob {
  return { jobId, ticketId: 12, level: jobId.split('-')[0], deadlineVersion: 3, dueAt: new Date(now + dueInMs) };
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('InProcessThresholdScheduler (real timers)', () => {
  let scheduler: InProcessThresholdScheduler;
  let logger: RecordingLogger;
  let fired: Firing[];
  const firedIds = (id: string): Firing[] => fired.filter((f) => f.jobId === id);

  beforeEach(async () => {
    logger = new RecordingLogger();
    fired = [];
    scheduler = new InProcessThresholdScheduler({ logger, retryBaseMs: 50 });
    await scheduler.start(async (j) => {
      fired.push({ jobId: j.jobId, dueAt: j.dueAt.getTime(), firedAt: Date.now() });
    });
  });
  afterEach(() => scheduler.stop());

  it('fires at the due time, not before and well within 1 s after', async () => {
    await scheduler.schedule([job('tto-R-000001-1', 300)]);
    await waitFor(() => fired.length === 1);
    const lateness = fired[0].firedAt - fired[0].dueAt;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThanOrEqual(1000);
  });

  it('same id and same due time: fires once', async () => {
    const j = job('tto-R-000002-1', 100);
    await scheduler.schedule([j]);
    await scheduler.schedule([{ ...j, dueAt: new Date(j.dueAt) }]);
    await scheduler.schedule([job('sentinel-R-000002-1', 300)]);
    await waitFor(() => firedIds('sentinel-R-000002-1').length === 1);
    expect(firedIds(j.jobId)).toHaveLength(1);
  });

  it('same id with a new due time: fires once, at the new time (earlier or later)', async () => {
    const now = Date.now();
    await scheduler.schedule([job('tto-R-000003-1', 10_000, now), job('ttr1-R-000003-1', 100, now)]);
    await scheduler.schedule([job('tto-R-000003-1', 150, now), job('ttr1-R-000003-1', 400, now)]);
    await scheduler.schedule([job('sentinel-R-000003-1', 600, now)]);
    await waitFor(() => firedIds('sentinel-R-000003-1').length === 1);
    expect(firedIds('tto-R-000003-1')).toEqual([expect.objectContaining({ dueAt: now + 150 })]);
    expect(firedIds('ttr1-R-000003-1')).toEqual([expect.objectContaining({ dueAt: now + 400 })]);
    expect(firedIds('ttr1-R-000003-1')[0].firedAt).toBeGreaterThanOrEqual(now + 400);
  });

  it('cancel: the job never fires; unknown ids are ignored', async () => {
    await scheduler.schedule([job('tto-R-000004-1', 100), job('sentinel-R-000004-1', 300)]);
    await scheduler.cancel(['tto-R-000004-1', 'ttr3-R-999999-1']);
    await waitFor(() => firedIds('sentinel-R-000004-1').length === 1);
    expect(firedIds('tto-R-000004-1')).toHaveLength(0);
  });

  it('past due: fires at once', async () => {
    const before = Date.now();
    await scheduler.schedule([job('tto-R-000005-1', -60_000)]);
    await waitFor(() => fired.length === 1);
    expect(fired[0].firedAt - before).toBeLessThan(1000);
  });

  it('an id that already fired can be armed again', async () => {
    const j = job('tto-R-000006-1', 0);
    await scheduler.schedule([j]);
    await waitFor(() => fired.length === 1);
    await scheduler.schedule([j]);
    await waitFor(() => fired.length === 2);
  });

  it('rejects ids with ":" (Bull/BullMQ would mishandle them)', async () => {
    await expect(scheduler.schedule([job('tto:R-000007-1', 100)])).rejects.toThrow(TypeError);
  });

  it('reports up, then down after stop; refuses work after stop', async () => {
    expect(await scheduler.health()).toMatchObject({ state: 'up' });
    await scheduler.stop();
    expect(await scheduler.health()).toMatchObject({ state: 'down' });
    await expect(scheduler.schedule([job('tto-R-000008-1', 100)])).rejects.toMatchObject({ code: 'SCHEDULER.STOPPED' });
  });
});

describe('InProcessThresholdScheduler: retries, start and stop', () => {
  it('retries a handler that throws, then succeeds', async () => {
    const calls: number[] = [];
    const logger = new RecordingLogger();
    const scheduler = new InProcessThresholdScheduler({ logger, retryBaseMs: 50 });
    await scheduler.start(async () => {
      calls.push(Date.now());
      if (calls.length === 1) throw new Error('database busy');
    });
    await scheduler.schedule([job('tto-R-000010-1', 0)]);
    await waitFor(() => calls.length === 2);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(45);
    expect(logger.find('queue.job.failed_will_retry')).toHaveLength(1);
    await scheduler.stop();
  });

  it('gives up after the configured attempts with an error log', async () => {
    let calls = 0;
    const logger = new RecordingLogger();
    const scheduler = new InProcessThresholdScheduler({ logger, attempts: 3, retryBaseMs: 10 });
    await scheduler.start(async () => {
      calls += 1;
      throw new Error('always fails');
    });
    await scheduler.schedule([job('tto-R-000011-1', 0)]);
    await waitFor(() => logger.find('queue.job.gave_up').length === 1);
    expect(calls).toBe(3);
    expect(await scheduler.health()).toMatchObject({ jobs: 0 });
    await scheduler.stop();
  });

  it('keeps jobs scheduled before start and fires them once started', async () => {
    const fired: string[] = [];
    const scheduler = new InProcessThresholdScheduler();
    await scheduler.schedule([job('tto-R-000012-1', -1000)]);
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toHaveLength(0);
    await scheduler.start(async (j) => {
      fired.push(j.jobId);
    });
    await waitFor(() => fired.length === 1);
    await scheduler.stop();
  });

  it('a running job: same due time → left alone; another due time → armed again after this run', async () => {
    const calls: Array<{ jobId: string; dueAt: number; at: number }> = [];
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const scheduler = new InProcessThresholdScheduler();
    await scheduler.start(async (j) => {
      calls.push({ jobId: j.jobId, dueAt: j.dueAt.getTime(), at: Date.now() });
      if (calls.length === 1) await released;
    });
    const j = job('tto-R-000014-1', 0);
    await scheduler.schedule([j]);
    await waitFor(() => calls.length === 1);
    await scheduler.schedule([j]);
    const moved = job(j.jobId, 150);
    await scheduler.schedule([moved]);
    release();
    await waitFor(() => calls.length === 2);
    expect(calls[1]).toMatchObject({ jobId: j.jobId, dueAt: moved.dueAt.getTime() });
    expect(calls[1].at).toBeGreaterThanOrEqual(moved.dueAt.getTime());
    await scheduler.stop();
  });

  it('stop() clears timers and waits for running handlers', async () => {
    const events: string[] = [];
    const scheduler = new InProcessThresholdScheduler();
    await scheduler.start(async (j) => {
      events.push(`start ${j.jobId}`);
      await new Promise((r) => setTimeout(r, 100));
      events.push(`end ${j.jobId}`);
    });
    await scheduler.schedule([job('tto-R-000013-1', 0), job('ttr1-R-000013-1', 60_000)]);
    await waitFor(() => events.length === 1);
    await scheduler.stop();
    expect(events).toEqual(['start tto-R-000013-1', 'end tto-R-000013-1']);
  });
});

describe('InProcessThresholdScheduler (fake timers)', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-02T01:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('re-arms delays beyond setTimeout’s 2^31−1 ms limit and fires at the due time', async () => {
    const fired: number[] = [];
    const scheduler = new InProcessThresholdScheduler();
    await scheduler.start(async () => {
      fired.push(Date.now());
    });
    const fortyDays = 40 * 24 * 3600 * 1000; // > 2^31−1 ms (~24.8 days)
    const due = Date.now() + fortyDays;
    await scheduler.schedule([job('ttr3-R-000020-1', fortyDays)]);

    await jest.advanceTimersByTimeAsync(2 ** 31);
    expect(fired).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(due - Date.now() - 1);
    expect(fired).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(fired).toEqual([due]);
    await scheduler.stop();
  });

  it('backs off exponentially between attempts (base, 3×base, 7×base)', async () => {
    const calls: number[] = [];
    const scheduler = new InProcessThresholdScheduler({ attempts: 4, retryBaseMs: 500 });
    await scheduler.start(async () => {
      calls.push(Date.now());
      throw new Error('down');
    });
    await scheduler.schedule([job('tto-R-000021-1', 0)]);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(calls.slice(1).map((t, i) => t - calls[i])).toEqual([500, 1500, 3500]);
    await scheduler.stop();
  });
});
