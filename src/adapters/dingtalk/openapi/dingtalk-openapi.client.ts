import type { AxiosInstance } from 'axios';
import type { CardSpace } from '../../../domain/ports/chat-gateway.port';
import { backoffDelay, defaultSleep, type BackoffOptions } from '../shared/backoff';
import { DingTalkApiError, makeDingTalkError } from '../shared/dingtalk.errors';
import { silentLog, type Log } from '../../../domain/ports/log.port';
import { AccessTokenProvider } from './access-token.provider';
import { BatchSendMerger, type BatchSendReport, type MergedBatch } from './batch-send-merger';
import { CardUpdateCoalescer, type UpdateCardInput } from './card-update-coalescer';

export type { BatchSendReport, UpdateCardInput };
import { BATCH_SEND_MAX_USERS, DINGTALK_API } from './dingtalk-api-names';
import { DEFAULT_RETRY_POLICY, DingTalkHttp, type ApiCallEvent, type RetryPolicy } from './dingtalk-http';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { SendScheduler, type SendPriority, type SendQueueStats } from './send-scheduler';

export interface DingTalkOpenApiOptions {
  clientId: string;
  clientSecret: string;
  /** DINGTALK_ROBOT_CODE; defaults to the client id (internal-app robot). */
  robotCode?: string;
  /** DINGTALK_API_BASE, default `https://api.dingtalk.com`. */
  apiBase?: string;
  /** DINGTALK_OAPI_BASE, default `https://oapi.dingtalk.com`. */
  oapiBase?: string;
  /** DINGTALK_API_QPS per API (default 20, 0 = off). Ignored when `rateLimiter` or `scheduler` is given. */
  qps?: number;
  rateLimiter?: RateLimiter;
  /** The per-API priority queues in front of the limiter; default: one over `rateLimiter` (or `qps`). */
  scheduler?: SendScheduler;
  retry?: Partial<RetryPolicy>;
  /** Retries of users listed in `flowControlledStaffIdList` (default 3 retries, 1 s doubling). */
  flowControl?: { maxRetries: number; backoff: BackoffOptions };
  timeoutMs?: number;
  logger?: Log;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called for every HTTP attempt (prom-client wiring: `dingtalk_api_calls_total{api}`). */
  onApiCall?: (event: ApiCallEvent) => void;
  axiosInstance?: AxiosInstance;
}

/**
 * Per call: its priority in the send queue (1 the answer to the person who just wrote or clicked, 2 a new delivery
 * to someone who must act, 3 a card update, 4 an informational notice). Defaults by method (see each).
 */
export interface CallOptions {
  priority?: SendPriority;
}

export type MsgKey = 'sampleText' | 'sampleMarkdown' | 'sampleLink' | 'sampleActionCard' | (string & {});


export interface CardDeliverResult {
  spaceType: string;
  spaceId: string;
  success: boolean;
  errorMsg?: string;
  carrierId?: string;
}

export interface CreateAndDeliverCardInput {
  outTrackId: string;
  cardTemplateId: string;
  cardParamMap: Record<string, string>;
  privateData?: Record<string, Record<string, string>>;
  spaces: readonly CardSpace[];
  callbackType?: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
  supportForward?: boolean;
  /** Group deliveries only: `{userId: nick}` to @-mention. */
  atUserIds?: Record<string, string>;
  /** Default 2 (a new delivery to someone who must act). */
  priority?: SendPriority;
}


export interface DingTalkUser {
  userId: string;
  name: string;
  unionId?: string;
  active?: boolean;
  title?: string;
  mobile?: string;
  email?: string;
  deptIds?: number[];
}

/** Body of a sessionWebhook reply (custom-robot style, camelCase). */
export type SessionWebhookMessage =
  | { msgtype: 'text'; text: { content: string }; at?: { atUserIds?: string[]; isAtAll?: boolean } }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: { atUserIds?: string[]; isAtAll?: boolean } }
  | { msgtype: string; [key: string]: unknown };

const DEFAULT_FLOW_CONTROL = { maxRetries: 3, backoff: { initialMs: 1000, maxMs: 8000, multiplier: 2, jitterRatio: 0.3 } };

export function openSpaceIdOf(spaces: readonly CardSpace[]): string {
  return 'dtv1.card//' + spaces.map((s) => (s.kind === 'group' ? `IM_GROUP.${s.conversationId}` : `IM_ROBOT.${s.userId}`)).join(';');
}

/**
 * DingTalk OpenAPI client (axios): robot messages, sessionWebhook replies, interactive cards, user lookup.
 * Token cached and refreshed before expiry; per-API priority queues in front of the client-side QPS limit
 * (`SendScheduler`); robot notices with the same text merged into one batchSend, waiting card updates coalesced;
 * typed errors; retries keeping their priority (see DingTalkHttp).
 */
export class DingTalkOpenApiClient {
  readonly robotCode: string;
  private readonly http: DingTalkHttp;
  private readonly tokens: AccessTokenProvider;
  private readonly logger: Log;
  private readonly counts = new Map<string, number>();
  private readonly flowControl: { maxRetries: number; backoff: BackoffOptions };
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly scheduler: SendScheduler;
  private readonly batches = new BatchSendMerger(BATCH_SEND_MAX_USERS);
  private readonly cardUpdates = new CardUpdateCoalescer();

  constructor(private readonly options: DingTalkOpenApiOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new Error('DingTalkOpenApiClient: clientId and clientSecret are required (DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET)');
    }
    this.robotCode = options.robotCode || options.clientId;
    this.logger = options.logger ?? silentLog;
    this.flowControl = options.flowControl ?? DEFAULT_FLOW_CONTROL;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.scheduler =
      options.scheduler ??
      new SendScheduler(options.rateLimiter ?? createRateLimiter(options.qps ?? 20), { logger: this.logger });
    this.http = new DingTalkHttp({
      apiBase: options.apiBase ?? 'https://api.dingtalk.com',
      oapiBase: options.oapiBase ?? 'https://oapi.dingtalk.com',
      scheduler: this.scheduler,
      retry,
      timeoutMs: options.timeoutMs ?? 10_000,
      logger: this.logger,
      getToken: () => this.tokens.get(),
      invalidateToken: (t) => this.tokens.invalidate(t),
      onApiCall: (e) => {
        this.counts.set(e.api, (this.counts.get(e.api) ?? 0) + 1);
        options.onApiCall?.(e);
      },
      sleep: this.sleep,
      random: this.random,
      axiosInstance: options.axiosInstance,
    });
    this.tokens = new AccessTokenProvider({ fetchToken: () => this.fetchToken(), now: options.now });
  }

  /** HTTP attempts per API so far (`dingtalk_api_calls_total{api}`). */
  apiCallCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Calls waiting for a slot per priority and the age of the oldest (`dingtalk_send_queue_depth`, `/healthz`). */
  sendQueueStats(): SendQueueStats {
    return this.scheduler.stats();
  }

  getAccessToken(): Promise<string> {
    return this.tokens.get();
  }

  private async fetchToken(): Promise<{ token: string; expiresInSeconds: number }> {
    try {
      const res = await this.http.request<{ accessToken?: string; expireIn?: number }>({
        api: DINGTALK_API.accessToken,
        priority: 1, // every other call waits for it
        method: 'POST',
        target: { base: 'api', path: '/v1.0/oauth2/accessToken' },
        auth: 'none',
        body: { appKey: this.options.clientId, appSecret: this.options.clientSecret },
      });
      if (!res?.accessToken) throw makeDingTalkError(DINGTALK_API.accessToken, 'server', 'NO_TOKEN', 'no accessToken in answer', 200);
      return { token: res.accessToken, expiresInSeconds: Number(res.expireIn ?? 7200) };
    } catch (err) {
      if (err instanceof DingTalkApiError && (err.kind === 'credentials' || err.kind === 'client')) {
        this.logger.error('dingtalk.api.token_rejected', {
          code: err.code,
          hint: 'check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET',
        });
      }
      throw err;
    }
  }

  /**
   * One-to-one robot messages (default priority 4, a notice); > 20 users are split into several calls; the same
   * message to other users waiting at the same time goes in the same call (≤ 20 user ids); flow-controlled users
   * are retried.
   */
  async batchSendToUsers(userIds: readonly string[], msgKey: MsgKey, msgParam: Record<string, unknown>, options: CallOptions = {}): Promise<BatchSendReport> {
    const unique = [...new Set(userIds.filter((u) => u))];
    if (unique.length === 0) return { sent: [], failed: [], processQueryKeys: [] };
    const priority = options.priority ?? 4;
    const param = JSON.stringify(msgParam);
    return this.batches.send(`${priority}\u0000${msgKey}\u0000${param}`, unique, (batch) => this.sendChunk(batch, msgKey, param, priority));
  }

  private async sendChunk(batch: MergedBatch, msgKey: string, msgParam: string, priority: SendPriority): Promise<BatchSendReport> {
    const report: BatchSendReport = { sent: [], failed: [], processQueryKeys: [] };
    // The first call reads the batch's users when it gets its slot (whoever joined while it waited).
    let pending: string[] | null = null;
    const users = () => (pending ??= batch.close());
    for (let round = 0; round === 0 || users().length > 0; round++) {
      let res: { processQueryKey?: string; invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };
      try {
        res = await this.http.request({
          api: DINGTALK_API.robotBatchSend,
          priority,
          method: 'POST',
          target: { base: 'api', path: '/v1.0/robot/oToMessages/batchSend' },
          auth: 'header',
          bodyAt: () => ({ robotCode: this.robotCode, userIds: users(), msgKey, msgParam }),
        });
      } catch (err) {
        const e = asApiError(err, DINGTALK_API.robotBatchSend);
        report.failed.push(...users().map((userId) => ({ userId, code: e.code, message: e.message, retryable: e.retryable })));
        return report;
      }
      if (res?.processQueryKey) report.processQueryKeys.push(res.processQueryKey);
      const invalid = new Set(res?.invalidStaffIdList ?? []);
      const throttled = new Set(res?.flowControlledStaffIdList ?? []);
      for (const userId of users()) {
        if (invalid.has(userId)) {
          report.failed.push({ userId, code: 'invalidStaffId', message: 'not a user id of this organisation', retryable: false });
        } else if (!throttled.has(userId)) {
          report.sent.push(userId);
        }
      }
      pending = users().filter((u) => throttled.has(u) && !invalid.has(u));
      if (pending.length === 0) break;
      if (round >= this.flowControl.maxRetries) {
        report.failed.push(...pending.map((userId) => ({ userId, code: 'flowControlled', message: 'DingTalk flow control: not sent', retryable: true })));
        break;
      }
      const delay = backoffDelay(this.flowControl.backoff, round, this.random);
      this.logger.warn('dingtalk.api.flow_controlled_retrying', { api: DINGTALK_API.robotBatchSend, users: pending.length, round, delayMs: delay });
      await this.sleep(delay);
    }
    return report;
  }

  /** A robot message in a group (`openConversationId` = the group message's `conversationId`); default priority 4. */
  async sendGroupMessage(openConversationId: string, msgKey: MsgKey, msgParam: Record<string, unknown>, options: CallOptions = {}): Promise<{ processQueryKey: string }> {
    const res = await this.http.request<{ processQueryKey?: string }>({
      api: DINGTALK_API.robotGroupSend,
      priority: options.priority ?? 4,
      method: 'POST',
      target: { base: 'api', path: '/v1.0/robot/groupMessages/send' },
      auth: 'header',
      body: { robotCode: this.robotCode, openConversationId, msgKey, msgParam: JSON.stringify(msgParam) },
    });
    return { processQueryKey: res?.processQueryKey ?? '' };
  }

  /** Reply through a message's sessionWebhook (no token is sent; the URL is never logged); default priority 1. */
  async replyBySessionWebhook(sessionWebhook: string, message: SessionWebhookMessage, options: CallOptions = {}): Promise<void> {
    if (!/^https?:\/\//.test(sessionWebhook)) {
      throw makeDingTalkError(DINGTALK_API.robotSessionWebhook, 'client', 'INVALID_WEBHOOK', 'sessionWebhook is not an http(s) URL', null);
    }
    await this.http.request({ api: DINGTALK_API.robotSessionWebhook, priority: options.priority ?? 1, method: 'POST', target: { url: sessionWebhook }, auth: 'none', body: message });
  }

  /** Create a card instance and deliver it to the spaces in one call. */
  async createAndDeliverCard(input: CreateAndDeliverCardInput): Promise<{ outTrackId: string; deliverResults: CardDeliverResult[] }> {
    const body: Record<string, unknown> = {
      cardTemplateId: input.cardTemplateId,
      outTrackId: input.outTrackId,
      callbackType: input.callbackType ?? 'STREAM',
      ...(input.callbackRouteKey ? { callbackRouteKey: input.callbackRouteKey } : {}),
      cardData: { cardParamMap: input.cardParamMap },
      ...this.spaceModels(input.spaces, input.supportForward ?? false, input.atUserIds, true),
      userIdType: 1,
    };
    if (input.privateData && Object.keys(input.privateData).length > 0) body.privateData = wrapPrivate(input.privateData);
    const res = await this.http.request<{ success?: boolean; result?: { outTrackId?: string; deliverResults?: CardDeliverResult[] } }>({
      api: DINGTALK_API.cardCreateAndDeliver,
      priority: input.priority ?? 2,
      method: 'POST',
      target: { base: 'api', path: '/v1.0/card/instances/createAndDeliver' },
      auth: 'header',
      body,
    });
    return { outTrackId: res?.result?.outTrackId ?? input.outTrackId, deliverResults: res?.result?.deliverResults ?? [] };
  }

  /** Deliver an existing card instance to (more) spaces; default priority 2. */
  async deliverCard(outTrackId: string, spaces: readonly CardSpace[], supportForward = false, options: CallOptions = {}): Promise<CardDeliverResult[]> {
    const res = await this.http.request<{ success?: boolean; result?: CardDeliverResult[] }>({
      api: DINGTALK_API.cardDeliver,
      priority: options.priority ?? 2,
      method: 'POST',
      target: { base: 'api', path: '/v1.0/card/instances/deliver' },
      auth: 'header',
      body: { outTrackId, ...this.spaceModels(spaces, supportForward, undefined, false), userIdType: 1 },
    });
    return Array.isArray(res?.result) ? res.result : [];
  }

  /**
   * Update a card in place (PUT /v1.0/card/instances), public data and per-user private data; default priority 3.
   * A later update of the same card at the same priority joins one still waiting for its slot (one call).
   */
  async updateCard(input: UpdateCardInput): Promise<void> {
    const priority = input.priority ?? 3;
    await this.cardUpdates.update(`${priority}\u0000${input.outTrackId}`, input, (pending) =>
      this.http.request<void>({
        api: DINGTALK_API.cardUpdate,
        priority,
        method: 'PUT',
        target: { base: 'api', path: '/v1.0/card/instances' },
        auth: 'header',
        bodyAt: () => cardUpdateBody(pending.take()),
      }),
    );
  }

  /**
   * HTTP mode (DINGTALK_MODE=http): register where DingTalk POSTs clicks of cards created with
   * `callbackType: "HTTP"` and this `callbackRouteKey` (`POST /v1.0/card/callbacks/register`; field names from the
   * Alibaba Cloud SDK, not verified on a tenant).
   */
  async registerCardCallback(callbackRouteKey: string, callbackUrl: string, forceUpdate = true): Promise<void> {
    await this.http.request({
      api: DINGTALK_API.cardCallbackRegister,
      priority: 1,
      method: 'POST',
      target: { base: 'api', path: '/v1.0/card/callbacks/register' },
      auth: 'header',
      body: { callbackRouteKey, callbackUrl, forceUpdate },
    });
  }

  /** User details by userid (legacy `topapi/v2/user/get`); null when DingTalk does not know the user. */
  async getUser(userId: string, options: CallOptions = {}): Promise<DingTalkUser | null> {
    try {
      const res = await this.http.request<{ result?: Record<string, unknown> }>({
        api: DINGTALK_API.userGet,
        priority: options.priority ?? 2,
        method: 'POST',
        target: { base: 'oapi', path: '/topapi/v2/user/get' },
        auth: 'query',
        body: { userid: userId, language: 'zh_CN' },
      });
      const r = res?.result ?? {};
      return {
        userId: String(r.userid ?? userId),
        name: String(r.name ?? ''),
        unionId: typeof r.unionid === 'string' ? r.unionid : undefined,
        active: typeof r.active === 'boolean' ? r.active : undefined,
        title: typeof r.title === 'string' ? r.title : undefined,
        mobile: typeof r.mobile === 'string' ? r.mobile : undefined,
        email: typeof r.email === 'string' ? r.email : undefined,
        deptIds: Array.isArray(r.dept_id_list) ? (r.dept_id_list as number[]) : undefined,
      };
    } catch (err) {
      if (err instanceof DingTalkApiError && (err.code === '60121' || err.code === '60111')) return null;
      throw err;
    }
  }

  /**
   * 免登 (docs/portal.md "Sign-in"): the user id an auth code from the JSAPI stands for (legacy
   * `topapi/v2/user/getuserinfo`); null when DingTalk refuses the code (unknown, used or expired).
   */
  async userIdForAuthCode(code: string): Promise<string | null> {
    try {
      const res = await this.http.request<{ result?: { userid?: unknown } }>({
        api: DINGTALK_API.userGetUserInfo,
        priority: 1,
        method: 'POST',
        target: { base: 'oapi', path: '/topapi/v2/user/getuserinfo' },
        auth: 'query',
        body: { code },
      });
      const userId = res?.result?.userid;
      return typeof userId === 'string' && userId ? userId : null;
    } catch (err) {
      if (err instanceof DingTalkApiError && err.kind === 'client') return null;
      throw err;
    }
  }

  /**
   * The short-lived URL of a file a person sent the robot (`POST /v1.0/robot/messageFiles/download`, docs/dingtalk.md
   * §2.7); priority 1: the person waits for the answer.
   */
  async messageFileUrl(downloadCode: string, options: CallOptions = {}): Promise<string> {
    const res = await this.http.request<{ downloadUrl?: string }>({
      api: DINGTALK_API.messageFileDownload,
      priority: options.priority ?? 1,
      method: 'POST',
      target: { base: 'api', path: '/v1.0/robot/messageFiles/download' },
      auth: 'header',
      body: { downloadCode, robotCode: this.robotCode },
    });
    if (!res?.downloadUrl) throw makeDingTalkError(DINGTALK_API.messageFileDownload, 'client', 'NO_DOWNLOAD_URL', 'no downloadUrl in the answer', null);
    return res.downloadUrl;
  }

  /**
   * Upload a file as media (legacy `POST /media/upload?type=…`, multipart field `media`): its media id (`@lA…`),
   * which a card or message shows. Default priority 3 (a picture on a card); the daily report's chart passes 4.
   */
  async uploadMedia(type: 'image' | 'file' | 'voice' | 'video', bytes: Uint8Array, name: string, contentType: string, options: CallOptions = {}): Promise<string> {
    const res = await this.http.request<{ media_id?: string }>({
      api: DINGTALK_API.mediaUpload,
      priority: options.priority ?? 3,
      method: 'POST',
      target: { base: 'oapi', path: '/media/upload' },
      auth: 'query',
      query: { type },
      bodyAt: () => {
        const form = new FormData();
        form.append('media', new Blob([new Uint8Array(bytes)], { type: contentType }), name);
        return form;
      },
    });
    if (!res?.media_id) throw makeDingTalkError(DINGTALK_API.mediaUpload, 'client', 'NO_MEDIA_ID', 'no media_id in the answer', null);
    return res.media_id;
  }

  private spaceModels(spaces: readonly CardSpace[], supportForward: boolean, atUserIds: Record<string, string> | undefined, withSpaceModels: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { openSpaceId: openSpaceIdOf(spaces) };
    if (spaces.some((s) => s.kind === 'group')) {
      if (withSpaceModels) out.imGroupOpenSpaceModel = { supportForward };
      out.imGroupOpenDeliverModel = { robotCode: this.robotCode, ...(atUserIds ? { atUserIds } : {}) };
    }
    if (spaces.some((s) => s.kind === 'dm')) {
      if (withSpaceModels) out.imRobotOpenSpaceModel = { supportForward };
      out.imRobotOpenDeliverModel = { spaceType: 'IM_ROBOT', robotCode: this.robotCode };
    }
    return out;
  }
}

function cardUpdateBody(input: UpdateCardInput): Record<string, unknown> {
  const merge = input.mergeByKey ?? true;
  const body: Record<string, unknown> = {
    outTrackId: input.outTrackId,
    cardUpdateOptions: { updateCardDataByKey: merge, updatePrivateDataByKey: merge },
    userIdType: 1,
  };
  if (input.cardParamMap) body.cardData = { cardParamMap: input.cardParamMap };
  if (input.privateData && Object.keys(input.privateData).length > 0) body.privateData = wrapPrivate(input.privateData);
  return body;
}

function wrapPrivate(privateData: Record<string, Record<string, string>>): Record<string, { cardParamMap: Record<string, string> }> {
  return Object.fromEntries(Object.entries(privateData).map(([userId, cardParamMap]) => [userId, { cardParamMap }]));
}

export function asApiError(err: unknown, api: string): DingTalkApiError {
  if (err instanceof DingTalkApiError) return err;
  return makeDingTalkError(api, 'client', 'INTERNAL', err instanceof Error ? err.message : String(err), null);
}
