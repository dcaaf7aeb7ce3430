/**
 * The pieces of the start with the database down: the late-bound inbox makes the pipeline spool (and acknowledge)
 * until it is bound; `openDatabaseWhenUp` retries with a doubling pause, logs each failure, and stops on abort.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InboundPipeline } from '../../../../src/adapters/dingtalk/inbound/inbound-pipeline';
import { SpoolDrainer } from '../../../../src/adapters/dingtalk/inbound/spool-drainer';
import type { Database } from '../../../../src/adapters/persistence/data-source';
import { LateBoundInboxStore } from '../../../../src/adapters/persistence/late-bound-inbox-store';
import { DatabaseWaitAborted, openDatabaseWhenUp } from '../../../../src/adapters/persistence/open-database-when-up';
import { FileSpool } from '../../../../src/adapters/spool/file-spool';
import type { IncomingChatMessage } from '../../../../src/domain/ports/chat-inbound.port';
import { silentLog, type Log } from '../../../../src/domain/ports/log.port';
import { FlakyInboxStore } from '../../../support/dingtalk/flaky-inbox.store';

const robotMessage = (n: number) => ({
  msgId: `m${n}`,
  conversationId: 'cid-1',
  conversationType: '1',
  senderStaffId: 'u-alice',
  senderNick: 'Alice',
  msgtype: 'text',
  text: { content: `message ${n}` },
  createAt: 1_700_000_000_000 + n,
  robotCode: 'bot',
  sessionWebhook: 'http://x/session',
  sessionWebhookExpiredTime: 1_900_000_000_000,
});

describe('LateBoundInboxStore in front of the pipeline', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'late-inbox-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('spools every frame until bound; the drainer then stores them in order, once each, and the handler runs', async () => {
    const inbox = new LateBoundInboxStore();
    const spool = new FileSpool({ dir });
    const handled: string[] = [];
    const pipeline = new InboundPipeline({
      inbox,
      spool,
      handler: { onMessage: async (m: IncomingChatMessage) => void handled.push(m.msgId), onCardAction: async () => null },
    });
    for (const n of [1, 2, 3]) expect(await pipeline.acceptMessage(robotMessage(n), `d${n}`, 'test')).toMatchObject({ status: 'spooled' });
    const drainer = new SpoolDrainer(spool, pipeline, silentLog);
    expect(await drainer.drainOnce()).toBe(0); // not bound yet: the drain pauses, nothing is lost
    const real = new FlakyInboxStore();
    inbox.bind(real);
    expect(await drainer.drainOnce()).toBe(3);
    expect(await drainer.drainOnce()).toBe(0);
    for (let i = 0; i < 50 && handled.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(handled).toEqual(['m1', 'm2', 'm3']);
    expect(real.puts).toBe(3);
    expect(await pipeline.acceptMessage(robotMessage(4), 'd4', 'test')).toMatchObject({ status: 'accepted' });
  });
});

describe('openDatabaseWhenUp', () => {
  const fakeDb = { dialect: 'mysql', close: async () => undefined } as unknown as Database;
  const recording = () => {
    const warnings: Array<Record<string, unknown>> = [];
    const log: Log = { ...silentLog, warn: (_m, meta) => void warnings.push(meta ?? {}), child: () => log };
    return { log, warnings };
  };

  it('retries with a doubling pause (capped) until the database answers', async () => {
    const { log, warnings } = recording();
    let calls = 0;
    const failures: number[] = [];
    const db = await openDatabaseWhenUp(
      { url: 'mysql://x' },
      {
        log,
        signal: new AbortController().signal,
        firstMs: 5,
        maxMs: 12,
        onAttemptFailed: (_e, attempt) => failures.push(attempt),
        open: async () => {
          calls += 1;
          if (calls < 4) throw Object.assign(new Error(''), { code: 'ECONNREFUSED' });
          return fakeDb;
        },
      },
    );
    expect(db).toBe(fakeDb);
    expect(failures).toEqual([1, 2, 3]);
    expect(warnings.map((w) => [w.retryInMs, w.error])).toEqual([
      [5, 'ECONNREFUSED'],
      [10, 'ECONNREFUSED'],
      [12, 'ECONNREFUSED'],
    ]);
  });

  it('stops waiting when aborted, and closes a database that opened after the abort', async () => {
    const stop = new AbortController();
    const waiting = openDatabaseWhenUp({ url: 'mysql://x' }, { log: silentLog, signal: stop.signal, firstMs: 60_000, open: () => Promise.reject(new Error('down')) });
    setTimeout(() => stop.abort(), 20);
    await expect(waiting).rejects.toBeInstanceOf(DatabaseWaitAborted);

    const late = new AbortController();
    let closed = false;
    const opening = openDatabaseWhenUp(
      { url: 'mysql://x' },
      { log: silentLog, signal: late.signal, open: async () => (late.abort(), { ...fakeDb, close: async () => void (closed = true) }) },
    );
    await expect(opening).rejects.toBeInstanceOf(DatabaseWaitAborted);
    expect(closed).toBe(true);
  });
});
