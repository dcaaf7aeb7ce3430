/**
 * DingTalk calls per API per calendar month (`dingtalk_api_calls_month_total{api}`): a standard organisation may make
 * 10,000 OpenAPI calls a month (docs/dingtalk.md §2.8; `DINGTALK_MONTHLY_QUOTA` makes `/healthz` warn at 80 %).
 * The month is the organisation's: China Standard Time (UTC+8, no daylight saving), so the count starts again at
 * 00:00 Beijing time on the 1st. With `REDIS_URL` the count is shared by every process (`INCR` on one key per month
 * and API, expiring after 40 days); without it, or while Redis does not answer, each process counts its own calls.
 * A process's calls reach Redis together, once per `RECORD_GATHER_MS` (one MULTI of `INCRBY`s, not a round trip per
 * call: docs/stack.md "Hot-path costs found by profiling"); its own `totals()` sends what it holds first.
 */
import type Redis from 'ioredis';
import { openSideRedis } from '../../shared/redis-client';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { DINGTALK_API } from './dingtalk-api-names';

/** Not counted against the organisation's monthly quota (tokens, contacts; the Stream gateway and sessionWebhook are not OpenAPI calls). */
export const QUOTA_EXEMPT_APIS: ReadonlySet<string> = new Set([
  DINGTALK_API.accessToken,
  DINGTALK_API.legacyGetToken,
  DINGTALK_API.gatewayOpen,
  DINGTALK_API.robotSessionWebhook,
  DINGTALK_API.userGet,
  DINGTALK_API.userGetUserInfo,
]);

/** Offset of the organisation's month from UTC: China Standard Time. */
const ORG_UTC_OFFSET_MS = 8 * 3600_000;
const KEY_TTL_S = 40 * 24 * 3600;
/** How long a process's counted calls wait to go to Redis together (other processes see them that much later). */
export const RECORD_GATHER_MS = 1000;

/** `2026-12` for a moment (ms) in the organisation's month. */
export function organisationMonth(at: number): string {
  const d = new Date(at + ORG_UTC_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Calls this month that count against the quota. */
export function quotaCalls(totals: Readonly<Record<string, number>>): number {
  return Object.entries(totals).reduce((sum, [api, n]) => (QUOTA_EXEMPT_APIS.has(api) ? sum : sum + n), 0);
}

export interface MonthlyCallCounter {
  /** One call of `api` reached DingTalk now. */
  record(api: string): void;
  /** This month's calls per API. */
  totals(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export class InProcessMonthlyCallCounter implements MonthlyCallCounter {
  private month = '';
  private counts = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  record(api: string): void {
    this.roll();
    this.counts.set(api, (this.counts.get(api) ?? 0) + 1);
  }

  async totals(): Promise<Record<string, number>> {
    this.roll();
    return Object.fromEntries(this.counts);
  }

  async close(): Promise<void> {}

  private roll(): void {
    const month = organisationMonth(this.now());
    if (month !== this.month) {
      this.month = month;
      this.counts = new Map();
    }
  }
}

export interface RedisMonthlyCallCounterOptions {
  redisUrl: string;
  prefix?: string;
  logger?: Log;
  now?: () => number;
}

export class RedisMonthlyCallCounter implements MonthlyCallCounter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly logger: Log;
  private readonly now: () => number;
  /** While Redis does not answer (and for the APIs seen, to read their keys). */
  private readonly local: InProcessMonthlyCallCounter;
  private readonly seen = new Set<string>(Object.values(DINGTALK_API));
  private warned = false;
  /** Calls counted and not yet sent, per Redis key. */
  private pending = new Map<string, { api: string; n: number }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: RedisMonthlyCallCounterOptions) {
    this.prefix = options.prefix ?? 'itopbot:dingtalk-month';
    this.logger = options.logger ?? silentLog;
    this.now = options.now ?? Date.now;
    this.local = new InProcessMonthlyCallCounter(this.now);
    this.redis = openSideRedis(options.redisUrl);
  }

  private key(month: string, api: string): string {
    return `${this.prefix}:${month}:${api}`;
  }

  record(api: string): void {
    this.seen.add(api);
    const key = this.key(organisationMonth(this.now()), api);
    if (this.redis.status !== 'ready') {
      this.fallBack(new Error(`redis ${this.redis.status}`), api, 1);
      return;
    }
    const waiting = this.pending.get(key);
    if (waiting) waiting.n++;
    else this.pending.set(key, { api, n: 1 });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, RECORD_GATHER_MS);
      this.timer.unref();
    }
  }

  /** Send the calls counted since the last flush, in one MULTI; counted in this process if Redis refuses. */
  private async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const multi = this.redis.multi();
    for (const [key, { n }] of batch) multi.incrby(key, n).expire(key, KEY_TTL_S);
    try {
      await multi.exec();
      this.warned = false;
    } catch (e) {
      for (const { api, n } of batch.values()) this.fallBack(e as Error, api, n);
    }
  }

  async totals(): Promise<Record<string, number>> {
    await this.flush();
    const month = organisationMonth(this.now());
    const apis = [...this.seen];
    try {
      if (this.redis.status !== 'ready') throw new Error(`redis ${this.redis.status}`);
      const values = await this.redis.mget(...apis.map((a) => this.key(month, a)));
      const local = await this.local.totals();
      const out: Record<string, number> = {};
      apis.forEach((api, i) => {
        const n = Number(values[i] ?? 0) + (local[api] ?? 0);
        if (n > 0) out[api] = n;
      });
      return out;
    } catch {
      return this.local.totals();
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.redis.disconnect();
  }

  private fallBack(e: Error, api: string, n: number): void {
    for (let i = 0; i < n; i++) this.local.record(api);
    if (!this.warned) {
      this.warned = true;
      this.logger.warn('dingtalk.month_count.redis_unavailable', { error: e.message, fallback: 'counted in this process' });
    }
  }
}
