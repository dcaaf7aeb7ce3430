/**
 * Builds the DingTalk side of the bot from its settings: the OpenAPI client and chat gateway, the receiver (Stream,
 * or HTTP robot mode) and the inbound pipeline over the persistent inbox. Called by the composition root in two
 * steps: `prepare` before the server listens (routers to mount), `connect` after. The settings are all it knows of
 * DingTalk: URLs and credentials, the organisation's or those of a local DingTalk the composition root runs.
 */
import type Router from '@koa/router';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChatGateway } from '../../domain/ports/chat-gateway.port';
import type { AppConfig } from '../config/load-config';
import type { ChatInboundHandler, IncomingChatMessage, StaffEventHandler } from '../../domain/ports/chat-inbound.port';
import type { InboxStore } from '../../domain/ports/inbox.port';
import { type Log } from '../../domain/ports/log.port';
import { DingTalkChatGateway } from './dingtalk-chat.gateway';
import type { CardHolderCheck } from './http/card-holder-check';
import { createDingTalkHttpRouter } from './http/dingtalk-http-robot.router';
import { InboundPipeline } from './inbound/inbound-pipeline';
import { InboxSweep } from './inbound/inbox-sweep';
import { SpoolDrainer } from './inbound/spool-drainer';
import type { FileSpool } from '../spool/file-spool';
import { DingTalkOpenApiClient } from './openapi/dingtalk-openapi.client';
import { InProcessMonthlyCallCounter, RedisMonthlyCallCounter, type MonthlyCallCounter } from './openapi/monthly-call-counter';
import { RedisRateLimiter } from './openapi/redis-rate-limiter';
import { ProcessShareRateLimiter } from './openapi/process-share-rate-limiter';
import { SEND_PRIORITIES, type SendPriority, type SendQueueStats } from './openapi/send-scheduler';
import { DingTalkStreamReceiver } from './stream/dingtalk-stream.receiver';

/** Credentials, URLs and receive mode of one DingTalk app (the configured one when credentials are set). */
export type DingTalkSettings = Extract<AppConfig['dingtalk'], { clientId: string }>;

export interface DingTalkConnection {
  gateway: ChatGateway;
  api: DingTalkOpenApiClient;
  /**
   * Hand incoming messages to the chat layer and start receiving; the inbox sweep (rows a dead process left,
   * retries, retention) starts beside the pipeline and stops with the connection.
   */
  start(handler: ChatInboundHandler, staff?: StaffEventHandler): Promise<InboundPipeline>;
  health(): { state: 'up' | 'down' | 'disabled'; [k: string]: unknown };
  /** Messages in flight and waiting (null before `start`). */
  intake(): ReturnType<InboundPipeline['intake']> | null;
  /** Outgoing calls waiting for a slot, per priority (`/metrics`, `/healthz`). */
  sendQueue(): SendQueueStats;
  /** This month's DingTalk calls per API (shared through Redis when `REDIS_URL` is set). */
  monthlyCalls(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface PreparedDingTalk {
  routers: Router[];
  /** After the HTTP server listens. */
  connect(): Promise<DingTalkConnection>;
}

const CALLBACK_ROUTE_KEY = 'itop-bot-card';

export function prepareDingTalk(options: {
  settings: DingTalkSettings;
  qps: number;
  /** With Redis, the QPS budget is shared by every bot process. */
  redisUrl?: string;
  /** Live bot processes (heartbeats): without Redis each paces at `qps` ÷ this. Default 1. */
  liveProcesses?: () => number;
  inbox: InboxStore;
  logger: Log;
  metrics: Registry;
  /** Frames the inbox cannot take go here; its drainer starts and stops with the connection. */
  spool?: FileSpool;
  maxInFlight?: number;
  /** Tell a person their message waits (the composition root words it in their language). */
  onQueued?: (message: IncomingChatMessage) => Promise<void>;
  maxTextChars?: number;
  /** HTTP mode: whether a clicker holds the card they clicked (over the card store); required there. */
  cardHolder?: CardHolderCheck;
  /** The workbench page's base URL, linked from every ticket card (unset: no link). */
  portalUrl?: string;
}): PreparedDingTalk {
  const { settings, logger } = options;
  const calls = new Counter({
    name: 'dingtalk_api_calls_total',
    help: 'DingTalk OpenAPI calls (every attempt) by API and outcome',
    labelNames: ['api', 'outcome'],
    registers: [options.metrics],
  });
  let httpPipeline: InboundPipeline | null = null;
  let current: InboundPipeline | null = null;
  let client: DingTalkOpenApiClient | null = null;
  let month: MonthlyCallCounter | null = null;
  // The organisation's calls this month (docs/interfaces.md "Operations"); a gauge, as it starts again each month.
  new Gauge({
    name: 'dingtalk_api_calls_month_total',
    help: 'DingTalk calls that reached DingTalk this calendar month (UTC+8), by API; shared by all processes with Redis',
    labelNames: ['api'],
    registers: [options.metrics],
    async collect() {
      this.reset();
      for (const [api, n] of Object.entries((await month?.totals()) ?? {})) this.set({ api }, n);
    },
  });
  // The send queue per priority (1 answer, 2 act, 3 update, 4 inform): depth and the oldest call's age.
  const perPriority = (name: string, help: string, read: (s: SendQueueStats, p: SendPriority) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['priority'],
      registers: [options.metrics],
      collect() {
        const s = client?.sendQueueStats();
        for (const p of SEND_PRIORITIES) this.set({ priority: String(p) }, s ? read(s, p) : 0);
      },
    });
  perPriority('dingtalk_send_queue_depth', 'Outgoing DingTalk calls of this process waiting for a slot, by priority', (s, p) => s.depth[p] ?? 0);
  perPriority('dingtalk_send_oldest_age_seconds', 'Seconds the oldest waiting outgoing DingTalk call of this process has waited, by priority', (s, p) => s.oldestAgeSeconds[p] ?? 0);
  new Gauge({
    name: 'intake_in_flight',
    help: 'Chat messages being processed by this process now',
    registers: [options.metrics],
    collect() {
      this.set(current?.intake().inFlight ?? 0);
    },
  });
  const routers: Router[] = [];
  if (settings.mode === 'http') {
    // The router needs the pipeline, which needs the chat handler: route through a late-bound pipeline.
    const late = {
      acceptMessage: (...a: Parameters<InboundPipeline['acceptMessage']>) => requirePipeline().acceptMessage(...a),
      acceptCardAction: (...a: Parameters<InboundPipeline['acceptCardAction']>) => requirePipeline().acceptCardAction(...a),
    } as unknown as InboundPipeline;
    const requirePipeline = () => {
      if (!httpPipeline) throw new Error('the bot is still starting');
      return httpPipeline;
    };
    if (!options.cardHolder) throw new Error('HTTP robot mode needs the card holder check (prepareDingTalk cardHolder)');
    routers.push(
      createDingTalkHttpRouter({
        appSecret: settings.clientSecret,
        robotCode: settings.robotCode,
        corpId: settings.corpId,
        cardHolder: options.cardHolder,
        windowMs: settings.signWindowS === undefined ? undefined : settings.signWindowS * 1000,
        pipeline: late,
        logger,
      }),
    );
  }

  return {
    routers,
    connect: async () => {
      const creds = { ...settings, cardTemplateId: settings.cardTemplateId ?? '' };
      if (!settings.cardTemplateId) {
        logger.warn('dingtalk.card.template_not_set', {
          variable: 'DINGTALK_CARD_TEMPLATE_ID',
          effect: 'ticket cards cannot be delivered',
          fix: 'README, "Connect to your DingTalk organisation", step 3',
        });
      }
      const liveProcesses = options.liveProcesses ?? (() => 1);
      const limiter =
        options.qps <= 0
          ? null
          : options.redisUrl
            ? new RedisRateLimiter({ redisUrl: options.redisUrl, qps: options.qps, liveProcesses, logger: logger.child({ component: 'dingtalk-qps' }) })
            : new ProcessShareRateLimiter(options.qps, liveProcesses);
      const counter: MonthlyCallCounter = options.redisUrl
        ? new RedisMonthlyCallCounter({ redisUrl: options.redisUrl, logger: logger.child({ component: 'dingtalk-month' }) })
        : new InProcessMonthlyCallCounter();
      month = counter;
      const api = new DingTalkOpenApiClient({
        clientId: creds.clientId,
        clientSecret: creds.clientSecret,
        robotCode: creds.robotCode,
        apiBase: creds.apiBase,
        oapiBase: creds.oapiBase,
        qps: options.qps,
        ...(limiter ? { rateLimiter: limiter } : {}),
        logger: logger.child({ component: 'dingtalk-api' }),
        onApiCall: (e) => {
          calls.inc({ api: e.api, outcome: e.outcome });
          if (e.status !== null) counter.record(e.api); // it reached DingTalk
        },
      });
      client = api;
      const http = settings.mode === 'http';
      const gateway = new DingTalkChatGateway({
        api,
        cardTemplateId: creds.cardTemplateId,
        callbackType: http ? 'HTTP' : 'STREAM',
        callbackRouteKey: http ? CALLBACK_ROUTE_KEY : undefined,
        logger: logger.child({ component: 'dingtalk-gateway' }),
        portalUrl: options.portalUrl,
      });
      let receiver: DingTalkStreamReceiver | null = null;
      let sweep: InboxSweep | null = null;
      let drainer: SpoolDrainer | null = null;
      return {
        gateway,
        api,
        start: async (handler, staff) => {
          const pipeline = new InboundPipeline({
            inbox: options.inbox,
            handler,
            staff,
            logger: logger.child({ component: 'inbound' }),
            onLateCardAnswer: (outTrackId, answer) => gateway.updateCard(outTrackId, answer.card, 'answer'),
            spool: options.spool,
            maxInFlight: options.maxInFlight,
            onQueued: options.onQueued,
            maxTextChars: options.maxTextChars,
          });
          current = pipeline;
          sweep = new InboxSweep(options.inbox, pipeline, logger.child({ component: 'inbound' }));
          if (options.spool) drainer = new SpoolDrainer(options.spool, pipeline, logger.child({ component: 'spool' }));
          if (http) {
            httpPipeline = pipeline;
            if (settings.publicUrl) {
              await api
                .registerCardCallback(CALLBACK_ROUTE_KEY, `${settings.publicUrl.replace(/\/+$/, '')}/dingtalk/card`)
                .catch((e: Error) => logger.error('dingtalk.card.callback_registration_failed', { error: e.message }));
            }
          } else {
            receiver = new DingTalkStreamReceiver({
              client: { clientId: creds.clientId, clientSecret: creds.clientSecret, gatewayUrl: creds.gatewayUrl, logger: logger.child({ component: 'stream' }) },
              pipeline,
              logger: logger.child({ component: 'stream' }),
            });
            // connect() never rejects (its retry loop logs); health reports the state.
            void receiver.start().catch((e: Error) => logger.error('dingtalk.stream.start_failed', { error: e.message }));
          }
          sweep.start();
          drainer?.start();
          return pipeline;
        },
        health: () => {
          if (http) return { state: 'up', mode: 'http' };
          const h = receiver?.health();
          if (!h) return { state: 'down', mode: settings.mode, note: 'not started' };
          const { state: connection, ...rest } = h;
          return { state: h.up ? 'up' : 'down', mode: settings.mode, connection, ...rest };
        },
        intake: () => current?.intake() ?? null,
        sendQueue: () => api.sendQueueStats(),
        monthlyCalls: () => counter.totals(),
        stop: async () => {
          await drainer?.stop();
          await sweep?.stop();
          await receiver?.stop();
          await limiter?.close();
          await counter.close();
        },
      };
    },
  };
}
