import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { backoffDelay, defaultSleep, type BackoffOptions } from '../shared/backoff';
import { classifyDingTalkAnswer, networkError, type DingTalkApiError, type DingTalkErrorKind } from '../shared/dingtalk.errors';
import { type Log } from '../../../domain/ports/log.port';
import { errorMessage } from '../../logging/error-message';
import type { SendPriority, SendScheduler } from './send-scheduler';

/** One HTTP attempt, reported for `dingtalk_api_calls_total{api}` (every attempt counts, retries included). */
export interface ApiCallEvent {
  api: string;
  outcome: 'ok' | DingTalkErrorKind;
  status: number | null;
  durationMs: number;
  /** 0 for the first attempt of a logical call. */
  attempt: number;
}

export interface RetryPolicy {
  /** Attempts per logical call for throttled/5xx/network answers (a token refresh adds one more). Default 4. */
  maxAttempts: number;
  /** Backoff after a throttled answer (DingTalk advises ~1 s). */
  throttle: BackoffOptions;
  /** Backoff after a 5xx or network failure. */
  server: BackoffOptions;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  throttle: { initialMs: 1000, maxMs: 8000, multiplier: 2, jitterRatio: 0.3 },
  server: { initialMs: 300, maxMs: 5000, multiplier: 2, jitterRatio: 0.3 },
};

export type AuthMode = 'header' | 'query' | 'none';

export interface DingTalkRequest {
  api: string;
  method: 'GET' | 'POST' | 'PUT';
  /** `api` → DINGTALK_API_BASE, `oapi` → DINGTALK_OAPI_BASE; `url` → an absolute URL (sessionWebhook, gateway). */
  target: { base: 'api' | 'oapi'; path: string } | { url: string };
  auth: AuthMode;
  body?: unknown;
  /**
   * The body, computed when the call gets its slot (each attempt): a merged batchSend or a coalesced card update
   * takes whoever joined while it waited. Wins over `body`.
   */
  bodyAt?: () => unknown;
  query?: Record<string, string>;
  /** The scheduler's priority (1 answer … 4 inform); default 2. Retries keep it. */
  priority?: SendPriority;
}

export interface DingTalkHttpOptions {
  apiBase: string;
  oapiBase: string;
  /** Per-API priority queues in front of the rate limiter. */
  scheduler: SendScheduler;
  retry: RetryPolicy;
  timeoutMs: number;
  logger: Log;
  getToken: () => Promise<string>;
  invalidateToken: (token: string) => void;
  onApiCall: (event: ApiCallEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  axiosInstance?: AxiosInstance;
}

/**
 * Connections to DingTalk are kept open and reused (a new TCP + TLS connection per call costs more than the
 * call). DingTalk's APIs do not redirect, so the redirect-following wrapper is left out.
 */
const KEEP_ALIVE = {
  httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  maxRedirects: 0,
};

/**
 * One DingTalk HTTP call with everything around it: the per-API scheduler (priority queue + limiter), the token (header for the new API,
 * `?access_token=` for the legacy one), both error envelopes → typed errors, one token refresh on an auth
 * failure, and backoff retries for throttling, 5xx and network failures. Never logs URLs, tokens or bodies.
 */
export class DingTalkHttp {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: DingTalkHttpOptions) {
    this.http = options.axiosInstance ?? axios.create(KEEP_ALIVE);
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  async request<T>(req: DingTalkRequest): Promise<T> {
    const { retry, logger } = this.options;
    let attempt = 0;
    let refreshedToken = false;
    const priority = req.priority ?? 2;
    const since = this.options.scheduler.now();
    for (;;) {
      const token = req.auth === 'none' ? undefined : await this.options.getToken();
      // After the token: pace the moment of sending. A retry keeps its priority and its place (`since`).
      await this.options.scheduler.acquire(req.api, priority, since);
      const body = req.bodyAt ? req.bodyAt() : req.body;
      const started = Date.now();
      let error: DingTalkApiError | null;
      let data: unknown;
      let status: number | null = null;
      try {
        const res = await this.http.request({
          method: req.method,
          url: this.urlOf(req),
          data: body,
          params: req.auth === 'query' ? { ...req.query, access_token: token } : req.query,
          headers: {
            // A multipart body (media upload) sets its own type with the boundary.
            ...(body instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
            Accept: 'application/json',
            ...(req.auth === 'header' && token ? { 'x-acs-dingtalk-access-token': token } : {}),
          },
          timeout: this.options.timeoutMs,
          validateStatus: () => true,
          responseType: 'json',
        });
        status = res.status;
        data = res.data;
        error = classifyDingTalkAnswer(req.api, res.status, res.data);
      } catch (err) {
        error = networkError(req.api, err);
      }
      this.report({ api: req.api, outcome: error ? error.kind : 'ok', status, durationMs: Date.now() - started, attempt });
      if (!error) return data as T;

      if (error.kind === 'token' && token !== undefined && !refreshedToken) {
        refreshedToken = true;
        this.options.invalidateToken(token);
        logger.info('dingtalk.api.token_refused_refreshing', { api: req.api, code: error.code });
        continue;
      }
      const retryable = error.kind === 'throttled' || error.kind === 'server' || error.kind === 'network';
      if (retryable && attempt + 1 < retry.maxAttempts) {
        const delay = backoffDelay(error.kind === 'throttled' ? retry.throttle : retry.server, attempt, this.random);
        logger.warn('dingtalk.api.retrying', { api: req.api, kind: error.kind, code: error.code, status, attempt, delayMs: delay, priority });
        await this.sleep(delay); // outside the queue: the backoff holds no slot

        attempt += 1;
        continue;
      }
      logger.warn('dingtalk.api.failed', { api: req.api, kind: error.kind, code: error.code, status, attempt, requestId: error.requestId });
      throw error;
    }
  }

  private urlOf(req: DingTalkRequest): string {
    if ('url' in req.target) return req.target.url;
    const base = req.target.base === 'api' ? this.options.apiBase : this.options.oapiBase;
    return base.replace(/\/+$/, '') + req.target.path;
  }

  private report(event: ApiCallEvent): void {
    try {
      this.options.onApiCall(event);
    } catch (err) {
      this.options.logger.warn('dingtalk.api.metric_callback_failed', { error: errorMessage(err) });
    }
  }
}
