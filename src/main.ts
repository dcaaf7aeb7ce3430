/**
 * Composition root: loadConfig → adapters → application → bot + escalation → start; graceful shutdown. The only
 * place that constructs adapters. `npm start` runs the compiled file; tests call `startApp()` directly.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadConfig, type AppConfig } from './adapters/config/load-config';
import { readEnvFile } from './adapters/config/read-env-file';
import { importDirectoryFile } from './adapters/directory/import-directory';
import { HealthRegistry } from './adapters/http/health';
import { createAdminRouter } from './adapters/http/admin-router';
import { createHttpApp } from './adapters/http/http-app';
import { createLogger, type Logger } from './adapters/logging/logger';
import { openDatabase } from './adapters/persistence/data-source';
import { TypeormDirectoryStore } from './adapters/persistence/typeorm-directory-store';
import { TypeormTicketStore } from './adapters/persistence/typeorm-ticket-store';
import { randomUUID } from 'node:crypto';
import { prepareDingTalk, type PreparedDingTalk } from './adapters/dingtalk/connect-dingtalk';
import { createDemoDingTalk, demoDingTalkSettings, type DingTalkEmulator } from './emulator';
import { TypeormCardStore } from './adapters/persistence/typeorm-card-store';
import { TypeormInboxStore } from './adapters/persistence/typeorm-inbox-store';
import { InProcessAdminAlertMemory } from './adapters/memory/in-process-admin-alert-memory';
import { InProcessFilingLimit } from './adapters/memory/in-process-filing-limit';
import { cardUpdateReaction, createChatHandler, type ChatLayerDeps } from './bot/app/chat-app';
import type { ChatInboundHandler } from './domain/ports/chat-inbound.port';
import { INBOX_LEASE_MS } from './domain/ports/inbox.port';
import { Loop } from './application/outbox/loop';
import { loadCnHolidays, loadLadder, loadTriggerTable } from './adapters/config/load-rules';
import type { Directory } from './domain/directory/directory';
import { PrometheusEscalationMetrics } from './adapters/metrics/prometheus-escalation-metrics';
import { TypeormNoticeStore } from './adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from './adapters/persistence/typeorm-outbox-store';
import { BullThresholdScheduler } from './adapters/queue/bull-threshold-scheduler';
import { InProcessThresholdScheduler } from './adapters/queue/in-process-threshold-scheduler';
import { TicketService } from './application/tickets/ticket-service';
import type { OutboxRunner } from './application/outbox/outbox-runner';
import type { ChatGateway } from './domain/ports/chat-gateway.port';
import type { ThresholdScheduler } from './domain/ports/threshold-scheduler.port';
import type { EscalationService } from './escalation/escalation-service';
import { OUTBOX_LEASE_MS } from './domain/ports/outbox.port';
import { escalationServiceOn } from './compose-escalation';
import { countersFor } from './domain/calendar/calendar-counters';
import { cnHolidaysCoveredUntil } from './domain/calendar/cn-holidays';
import { formatDirectoryIssue } from './domain/directory/validate-directory';
import type { Clock } from './domain/ports/clock.port';

export interface RunningApp {
  url: string;
  tickets: TicketService;
  escalation: EscalationService;
  /** The outbox runner (dispatcher, poll loop, own events), started and stopped with `escalation`. */
  outbox: OutboxRunner;
  gateway: ChatGateway;
  handler: ChatInboundHandler;
  /** The local DingTalk emulator (no credentials configured), else null. */
  emulator: DingTalkEmulator | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Replace the chat gateway (tests); default: DingTalk or the emulator. */
  gateway?: ChatGateway;
  /** Faster loops for tests. */
  reconcileMs?: number;
}

const systemClock: Clock = { now: () => new Date() };

export async function startApp(config: AppConfig, log: Logger, options: StartOptions = {}): Promise<RunningApp> {
  const started = Date.now();
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const health = new HealthRegistry();
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of closers.reverse()) await step().catch((e: Error) => log.error('shutdown step failed', { error: e.message }));
  };

  try {
    // 1. Database and directory
    const db = await openDatabase({ url: config.database.url, sqlitePath: config.database.sqlitePath });
    closers.push(() => db.close());
    health.register('database', async () => {
      await db.gate.run((m) => m.query('SELECT 1'));
      return { state: 'up', dialect: db.dialect };
    });
    log.info('database ready', { dialect: db.dialect });

    const directory = new TypeormDirectoryStore(db);
    if (config.directoryFile) {
      const result = await importDirectoryFile(config.directoryFile, directory, { prune: false, now: systemClock.now() });
      for (const w of (result.ok ? result.value : result.error).warnings) log.warn('directory warning', { issue: formatDirectoryIssue(w) });
      if (result.ok) log.info('directory loaded', { file: config.directoryFile, ...result.value.summary });
      else for (const e of result.error.issues) log.error('directory file invalid', { file: config.directoryFile, issue: formatDirectoryIssue(e) });
    }
    const dir = await directory.current();
    if (!dir) {
      throw new Error('no directory is stored: set DIRECTORY_FILE to a valid directory file, or run npm run directory:import -- FILE');
    }

    // 2. Rules
    const ladder = await loadLadder();
    const triggers = await loadTriggerTable(undefined, dir);
    if (!ladder.ok || !triggers.ok) {
      throw new Error(`invalid rule files:\n${[...(ladder.ok ? [] : ladder.error), ...(triggers.ok ? [] : triggers.error)].join('\n')}`);
    }
    const cn = await loadCnHolidays();
    if (!cn.ok) throw new Error(`invalid holiday file:\n${cn.error.join('\n')}`);
    const counters = (d: Directory) => countersFor(d, cn.value);
    const holidaysUntil = cnHolidaysCoveredUntil(cn.value);
    if (!holidaysUntil || holidaysUntil < `${new Date().getUTCFullYear() + 1}-01-01`) {
      log.warn('chinese holiday data ends soon: later dates count plain weekdays', { holidaysUntil });
    }
    health.register('calendar', () => ({ state: 'up', holidays_until: holidaysUntil }));

    // 3. HTTP server (first: DingTalk's connect never rejects, health must be reachable meanwhile)
    const outboxStore = new TypeormOutboxStore(db.gate);
    const noticeStore = new TypeormNoticeStore(db.gate);
    const inbox = new TypeormInboxStore(db.gate);
    const people = dir.data.people
      .filter((p) => p.status === 'active' && p.dingtalkUserId)
      .map((p) => ({ personId: p.id, name: p.name, dingtalkUserId: p.dingtalkUserId! }));
    // No DingTalk credentials: the emulator is DingTalk, its page and OpenAPI on this server (Stream upgrades too).
    const emulator =
      !options.gateway && config.dingtalk.mode === 'emulator'
        ? createDemoDingTalk({ people, logger: log.child({ component: 'emulator' }) })
        : null;
    const dingtalkOptions = { qps: config.dingtalkApiQps, redisUrl: config.redisUrl, inbox, logger: log, metrics };
    let dingtalk: PreparedDingTalk | null =
      options.gateway || config.dingtalk.mode === 'emulator' ? null : prepareDingTalk({ settings: config.dingtalk, ...dingtalkOptions });
    const routers = [...(emulator ? [emulator.router] : []), ...(dingtalk?.routers ?? [])];
    if (config.adminToken) {
      routers.push(createAdminRouter({ token: config.adminToken, outbox: outboxStore, notices: noticeStore, directory, now: () => systemClock.now() }));
    }
    const app = createHttpApp({ health, metrics, log, routers });
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.httpPort, resolve);
    });
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}/`;

    // 4. DingTalk: the organisation's, or the emulator on this server reached by its URLs like the real one
    if (emulator) {
      emulator.attach(server);
      closers.push(() => emulator.close());
      dingtalk = prepareDingTalk({ settings: demoDingTalkSettings(emulator), ...dingtalkOptions });
    }
    const connection = dingtalk ? await dingtalk.connect() : null;
    if (connection) closers.push(() => connection.stop());
    const gateway: ChatGateway = options.gateway ?? connection!.gateway;
    // The health entry names the configured mode ('emulator' in the demo), as before the emulator left the adapter.
    health.register('dingtalk', () =>
      connection ? { ...connection.health(), mode: config.dingtalk.mode } : { state: 'disabled', note: 'test gateway' },
    );

    // 5. Timers, escalation, tickets, chat
    const scheduler: ThresholdScheduler = config.redisUrl
      ? new BullThresholdScheduler({ redisUrl: config.redisUrl, logger: log.child({ component: 'bull' }) })
      : new InProcessThresholdScheduler({ logger: log.child({ component: 'timers' }) });
    health.register('redis', async () => (config.redisUrl ? scheduler.health() : { state: 'disabled', timers: 'in-process' }));

    let outbox: OutboxRunner | null = null;
    const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const tickets = new TicketService({
      // The events of every ticket change made here are handled here at once (written leased to this process).
      store: new TypeormTicketStore(db.gate, {
        owner,
        leaseMs: OUTBOX_LEASE_MS,
        clock: systemClock,
        committed: (records) => outbox?.handleOwn(records),
      }),
      directory,
      clock: systemClock,
      counters,
    });
    const chatDeps: ChatLayerDeps = {
      tickets,
      directory,
      cards: new TypeormCardStore(db.gate),
      gateway,
      clock: systemClock,
      log: log.child({ component: 'chat' }),
      defaultLocale: config.locale,
      // What the chat layer remembers, one instance per process, shared by the handler and the card reaction.
      filingLimit: new InProcessFilingLimit(),
      adminAlerts: new InProcessAdminAlertMemory(),
    };
    const wired = escalationServiceOn(
      db,
      {
        directory,
        ladder: ladder.value,
        scheduler,
        clock: systemClock,
        counters,
        triggers: triggers.value,
        locale: config.locale,
        metrics: new PrometheusEscalationMetrics(metrics),
        log,
      },
      gateway,
      { owner, reconcileMs: options.reconcileMs },
    );
    // Reactions to committed events: the escalation layer's (registered by escalationServiceOn), then the cards.
    outbox = wired.outbox;
    outbox.reactions.register(cardUpdateReaction(chatDeps));
    const escalation = wired.service;
    const escalationStore = wired.deps.store;
    health.register('escalation', async () => {
      const worst = await escalationStore.worstLateness(new Date(Date.now() - 3600_000));
      return { state: 'up', worst_lateness_ms_last_hour: worst };
    });
    await escalation.start();
    const running = escalation;
    closers.push(() => running.stop());

    const handler = createChatHandler(chatDeps);
    if (connection) {
      const pipeline = await connection.start(handler);
      // Inbox rows whose process died before handling them, and failed ones due for a retry, are taken over at
      // start-up and every 5 s (never one still in progress elsewhere: the receiving process holds it);
      // processed rows are kept 7 days, far beyond DingTalk's re-push window, so a late duplicate is still caught.
      let lastPurge = 0;
      const sweep = new Loop(
        'inbox',
        5000,
        async () => {
          const now = new Date();
          for (const entry of await inbox.pending(now, 100)) {
            if (await inbox.claim(entry.id, now, INBOX_LEASE_MS)) await pipeline.replay(entry);
          }
          if (Date.now() - lastPurge > 3600_000) {
            lastPurge = Date.now();
            await inbox.purge(new Date(Date.now() - 7 * 86_400_000));
          }
        },
        log,
      );
      sweep.start();
      closers.push(() => sweep.stop());
    }

    log.info('bot started', { url, ms: Date.now() - started, dingtalk: config.dingtalk.mode });
    return { url, tickets, escalation, outbox, gateway, handler, emulator, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function main(): Promise<void> {
  readEnvFile(); // `.env` when present; real environment variables win
  const loaded = loadConfig();
  if (!loaded.ok) {
    for (const e of loaded.error) process.stderr.write(`configuration error: ${e}\n`);
    process.exit(1);
  }
  const log = createLogger(loaded.value.log);
  let app: RunningApp;
  try {
    app = await startApp(loaded.value, log);
  } catch (e) {
    log.error('start-up failed', { error: (e as Error).message });
    process.exit(1);
  }
  if (loaded.value.dingtalk.mode === 'emulator') {
    process.stdout.write(`\nDingTalk emulator: open ${app.url} in a browser\n\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) void main();
