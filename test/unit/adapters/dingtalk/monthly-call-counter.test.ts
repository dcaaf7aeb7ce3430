/**
 * DingTalk calls per API per calendar month (UTC+8), in process and on the real Redis (a unique prefix, cleaned
 * afterwards), and the `/healthz` warning past 80 % of DINGTALK_MONTHLY_QUOTA.
 */
import Redis from 'ioredis';
import request from 'supertest';
import { Registry } from 'prom-client';
import {
  InProcessMonthlyCallCounter,
  organisationMonth,
  quotaCalls,
  RedisMonthlyCallCounter,
} from '../../../../src/adapters/dingtalk/openapi/monthly-call-counter';
import { DINGTALK_API } from '../../../../src/adapters/dingtalk/openapi/dingtalk-api-names';
import { HealthRegistry } from '../../../../src/adapters/http/health';
import { dingtalkQuotaHealth, sendQueueHealth } from '../../../../src/adapters/http/health-checks';
import { createHttpApp } from '../../../../src/adapters/http/http-app';
import { silentLog } from '../../../../src/domain/ports/log.port';
import { REDIS_URL } from '../../../support/services';

describe('monthly DingTalk call counter', () => {
  it('names the organisation\'s month (UTC+8): 16:00 UTC on the last day is already the next month', () => {
    expect(organisationMonth(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(organisationMonth(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(organisationMonth(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });

  it('counts per API and starts again with the month; tokens and contacts do not count against the quota', async () => {
    let now = Date.parse('2026-12-31T10:00:00Z');
    const counter = new InProcessMonthlyCallCounter(() => now);
    for (let i = 0; i < 3; i++) counter.record(DINGTALK_API.robotBatchSend);
    counter.record(DINGTALK_API.cardUpdate);
    counter.record(DINGTALK_API.accessToken);
    counter.record(DINGTALK_API.userGet);
    const totals = await counter.totals();
    expect(totals).toEqual({ [DINGTALK_API.robotBatchSend]: 3, [DINGTALK_API.cardUpdate]: 1, [DINGTALK_API.accessToken]: 1, [DINGTALK_API.userGet]: 1 });
    expect(quotaCalls(totals)).toBe(4);
    now = Date.parse('2026-12-31T16:00:01Z'); // 00:00:01 on 1 January in Beijing
    expect(await counter.totals()).toEqual({});
  });

  describe('on Redis', () => {
    const prefix = `test:dingtalk-month:${process.pid}:${Date.now()}`;
    let redis: Redis;
    let available = true;
    beforeAll(async () => {
      redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000 });
      await redis.connect().catch(() => (available = false));
    });
    afterAll(async () => {
      if (available) {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
      }
      redis.disconnect();
    });

    it('shares one count between processes (INCRBY per month and API, expiring after ~40 days; sent together, not per call)', async () => {
      if (!available) return; // announced by the global setup
      const now = () => Date.parse('2026-12-15T00:00:00Z');
      const a = new RedisMonthlyCallCounter({ redisUrl: REDIS_URL, prefix, now });
      const b = new RedisMonthlyCallCounter({ redisUrl: REDIS_URL, prefix, now });
      await new Promise((r) => setTimeout(r, 300)); // both connected
      a.record(DINGTALK_API.robotBatchSend);
      b.record(DINGTALK_API.robotBatchSend);
      b.record(DINGTALK_API.cardCreateAndDeliver);
      for (let i = 0; i < 50; i++) b.record(DINGTALK_API.cardUpdate);
      await new Promise((r) => setTimeout(r, 100));
      // Within the gathering period another process sees none of b's calls yet; its own totals send them first.
      expect(await a.totals()).toEqual({ [DINGTALK_API.robotBatchSend]: 1 });
      const execs = async () => Number(/^cmdstat_exec:calls=(\d+)/m.exec(await redis.info('commandstats'))?.[1] ?? 0);
      const before = await execs();
      expect(await b.totals()).toEqual({ [DINGTALK_API.robotBatchSend]: 2, [DINGTALK_API.cardCreateAndDeliver]: 1, [DINGTALK_API.cardUpdate]: 50 });
      expect((await execs()) - before).toBe(1); // 52 calls of b: one MULTI
      expect(await a.totals()).toEqual({ [DINGTALK_API.robotBatchSend]: 2, [DINGTALK_API.cardCreateAndDeliver]: 1, [DINGTALK_API.cardUpdate]: 50 });
      const ttl = await redis.ttl(`${prefix}:2026-12:${DINGTALK_API.robotBatchSend}`);
      expect(ttl).toBeGreaterThan(39 * 24 * 3600);
      await a.close();
      await b.close();
    });
  });
});

describe('/healthz: DingTalk quota and send queue', () => {
  const serve = (health: HealthRegistry) => createHttpApp({ health, metrics: new Registry(), log: silentLog }).callback();

  it('warns (200 degraded) past 80 % of DINGTALK_MONTHLY_QUOTA and while an answer has waited more than 10 s', async () => {
    const counter = new InProcessMonthlyCallCounter();
    const health = new HealthRegistry();
    health.register('dingtalk_quota', dingtalkQuotaHealth(() => counter.totals(), 10));
    let answerAge = 3;
    health.register('dingtalk_send_queue', sendQueueHealth(() => ({ depth: { 1: 2, 2: 0, 3: 40, 4: 7 }, oldestAgeSeconds: { 1: answerAge, 2: 0, 3: 30, 4: 50 } })));
    for (let i = 0; i < 7; i++) counter.record(DINGTALK_API.robotBatchSend);
    counter.record(DINGTALK_API.accessToken);
    let res = await request(serve(health)).get('/healthz');
    expect(res.body).toMatchObject({ status: 'ok', dingtalk_quota: { calls_this_month: 7, quota: 10 }, dingtalk_send_queue: { depth: { 3: 40 } } });

    counter.record(DINGTALK_API.cardUpdate);
    answerAge = 10.5;
    res = await request(serve(health)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect([...res.body.degraded].sort()).toEqual([
      'DingTalk monthly quota: 8 of 10 calls used (80 %, DINGTALK_MONTHLY_QUOTA)',
      'send queue: an answer has waited 10.5 s for DingTalk (2 answers waiting)',
    ]);
  });
});
