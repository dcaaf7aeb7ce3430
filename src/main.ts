/**
 * Composition root: loadConfig → adapters → application → bot + escalation → start; graceful shutdown. The only
 * place that constructs adapters. Two steps: receiving (spool, HTTP server, DingTalk receiver: frames spool until the
 * chat layer exists), then, once the database answers, the rest (migrations, directory import, tickets, outbox,
 * escalation, chat handler; the spool drainer then moves the spooled frames into the inbox). `npm start` runs
 * `startBot()` (it receives at once and waits for a database that does not answer, retrying); the replay CLI and
 * the tests run `createBot()` (the whole bot, or a failure when the database does not answer).
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadConfig, type AppConfig } from './adapters/config/load-config';
import { readEnvFile } from './adapters/config/read-env-file';
import { loadChangeTemplates, loadChangeTriggers, loadCnHolidays, loadLadder, loadTriggerTable } from './adapters/config/load-rules';
import { changesOn, reactToChanges } from './compose-changes';
import { prepareDingTalk, type PreparedDingTalk } from './adapters/dingtalk/connect-dingtalk';
import { cardHolderCheckOn } from './adapters/dingtalk/http/card-holder-check';
import { InboundPipeline } from './adapters/dingtalk/inbound/inbound-pipeline';
import type { CardHolderCheck } from './adapters/dingtalk/http/card-holder-check';
import { loadDirectoryFile } from './adapters/directory/directory-yaml';
import { importDirectoryFile } from './adapters/directory/import-directory';
import { createAdminRouter } from './adapters/http/admin-router';
import { HealthRegistry } from './adapters/http/health';
import { LateRouter } from './adapters/http/late-router';
import {
  calendarHealth,
  databaseHealth,
  databaseNotOpenHealth,
  dingtalkHealth,
  dingtalkQuotaHealth,
  escalationHealth,
  intakeHealth,
  sendQueueHealth,
  spoolHealth,
  timersHealth,
} from './adapters/http/health-checks';
import { createHttpApp } from './adapters/http/http-app';
import { bundleCommonJs } from './adapters/http/commonjs-bundle';
import { createLogger } from './adapters/logging/logger';
import type { Log } from './domain/ports/log.port';
import { PrometheusEscalationMetrics } from './adapters/metrics/prometheus-escalation-metrics';
// FAQ (issue 14)
import { PrometheusFaqMetrics } from './adapters/metrics/prometheus-faq-metrics';
import { TypeormFaqStore } from './adapters/persistence/typeorm-faq-store';
import { importFaqFile } from './adapters/faq/faq-yaml';
import { FaqService } from './application/faq/faq-service';
import { openDatabase, type Database } from './adapters/persistence/data-source';
import { DatabaseNotOpenError, LateBoundInboxStore } from './adapters/persistence/late-bound-inbox-store';
import { DatabaseWaitAborted, openDatabaseWhenUp } from './adapters/persistence/open-database-when-up';
import { ProcessRegistry } from './adapters/persistence/process-registry';
import { DatabaseRetention } from './adapters/persistence/retention';
import { TypeormCardStore } from './adapters/persistence/typeorm-card-store';
import { TypeormDirectoryStore } from './adapters/persistence/typeorm-directory-store';
import { TypeormInboxStore } from './adapters/persistence/typeorm-inbox-store';
import { TypeormNoticeStore } from './adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from './adapters/persistence/typeorm-outbox-store';
import { Shutdown } from './adapters/process/shutdown';
import { FileSpool } from './adapters/spool/file-spool';
import { registerSpoolMetrics } from './adapters/spool/spool-metrics';
import { BullThresholdScheduler } from './adapters/queue/bull-threshold-scheduler';
import { InProcessThresholdScheduler } from './adapters/queue/in-process-threshold-scheduler';
import type { OutboxRunner } from './application/outbox/outbox-runner';
import type { TicketService } from './application/tickets/ticket-service';
import { InProcessAdminAlertMemory } from './adapters/memory/in-process-admin-alert-memory';
import { InProcessFilingLimit } from './adapters/memory/in-process-filing-limit';
import { TypeormAttachmentStore } from './adapters/persistence/typeorm-attachment-store';
import { DingTalkChatFiles } from './adapters/dingtalk/dingtalk-chat-files';
import { changeCardReaction, cardUpdateReaction, demandCardReaction, createChatHandler, type ChatLayerDeps, MESSAGE_MAX_CHARS, queuedAnswer } from './bot/app/chat-app';
import { coreOn } from './compose-core';
import { dailyReportLoop } from './compose-reports';
import { longPendingLoop } from './compose-demands';
import { autoConversionNote, renderDemandNotice } from './bot/views/replies/demand-words';
import { tellDemandTeamWhenDemandCreated } from './application/demands/tell-demand-team-when-demand-created';
import { postDemandWhenDemandCreated } from './application/demands/post-demand-when-demand-created';
import { HttpDemandPoolClient } from './adapters/http/demand-pool-webhook';
import { TypeormDemandStore } from './adapters/persistence/typeorm-demand-store';
import { renderDailyReport } from './bot/views/reports/render-daily-report';
import { DingTalkReportPublisher } from './adapters/dingtalk/dingtalk-report-publisher';

/** The report card's template in the emulator (any id works there). */
const DEMO_REPORT_TEMPLATE_ID = 'itopbot-daily-report';
import { systemActor } from './domain/tickets/actor';
import { countersFor } from './domain/calendar/calendar-counters';
import { cnHolidaysCoveredUntil } from './domain/calendar/cn-holidays';
import type { Directory } from './domain/directory/directory';
import type { DirectoryData } from './domain/directory/directory.types';
import { formatDirectoryIssue } from './domain/directory/validate-directory';
import type { ChatGateway } from './domain/ports/chat-gateway.port';
import type { ChatInboundHandler, IncomingChatMessage, StaffEventHandler } from './domain/ports/chat-inbound.port';
import { staffEventHandler } from './application/staff/on-staff-event';
import { renderStaffLeftNotice } from './bot/views/replies/staff-notices';
import { errorSentence } from './bot/views/replies/error-sentence';
import { catalogFor } from './bot/views/replies/catalogs';
import { TypeormStaffStore } from './adapters/persistence/typeorm-staff-store';
import type { InboxStore } from './domain/ports/inbox.port';
import type { Clock } from './domain/ports/clock.port';
import type { ThresholdScheduler } from './domain/ports/threshold-scheduler.port';
import { createDemoDingTalk, demoDingTalkSettings, type DingTalkEmulator, type EmulatorPerson } from './emulator';
import type { EscalationService } from './escalation/escalation-service';
import { PortalService } from './application/portal/portal-service';
import { TypeormPortalReadStore } from './adapters/persistence/typeorm-portal-read-store';
import { TypeormShortcutStore } from './adapters/persistence/typeorm-shortcut-store';
import { TypeormTicketStore } from './adapters/persistence/typeorm-ticket-store';
import { createPortalRouter } from './portal/portal-router';

export interface Bot {
  url: string;
  tickets: TicketService;
  escalation: EscalationService;
  /** The outbox runner (dispatcher, poll loop, own events), started and stopped with `escalation`. */
  outbox: OutboxRunner;
  gateway: ChatGateway;
  handler: ChatInboundHandler;
  /** The way in for every stored frame: the receivers', the inbox sweep's and the replay CLI's (`replay`). */
  inbound: InboundPipeline;
  inbox: InboxStore;
  /** The local DingTalk emulator (demo mode), else null; its credentials are generated per start (`emulator.credentials()`). */
  emulator: DingTalkEmulator | null;
  close(): Promise<void>;
  /** Close on SIGINT/SIGTERM, then exit the process. */
  closeOnSignals(): void;
}

/** A bot that receives (HTTP server, DingTalk receiver, spool) and completes once its database answers. */
export interface StartingBot {
  url: string;
  emulator: DingTalkEmulator | null;
  /**
   * The whole bot, once the database answered and the composition is complete. Rejects (everything closed) when
   * it cannot complete: no directory, invalid rule files, the database refused (`createBot`), or closed meanwhile
   * (`DatabaseWaitAborted`).
   */
  ready: Promise<Bot>;
  close(): Promise<void>;
  /** Close on SIGINT/SIGTERM, then exit the process. */
  closeOnSignals(): void;
}

export interface BotOptions {
  /** Replace the chat gateway (tests, the replay CLI's dry run); default: DingTalk or the emulator. */
  gateway?: ChatGateway;
  /** Faster loops for tests. */
  reconcileMs?: number;
  /** Do not receive from DingTalk (the replay CLI): no Stream connection, no inbox sweep. */
  receive?: boolean;
  /**
   * A `DATABASE_URL` that does not answer: keep receiving (frames spool) and retry until it answers (`startBot`'s
   * default), or fail (`createBot`'s default). Embedded SQLite is opened once either way.
   */
  waitForDatabase?: boolean;
  /** Pauses between attempts to open a database that does not answer: default 1 s, doubled up to 30 s. */
  databaseRetry?: { firstMs?: number; maxMs?: number };
}

const systemClock: Clock = { now: () => new Date() };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** How this process reaches its own server: a wildcard address is reached on the loopback. */
function hostForUrl(bindHost: string): string {
  if (bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '') return '127.0.0.1';
  return bindHost.includes(':') ? `[${bindHost}]` : bindHost;
}

/** The directory's people the emulator lets write (active, with a DingTalk user id). */
function emulatorPeople(data: DirectoryData): EmulatorPerson[] {
  return data.people
    .filter((p) => p.status === 'active' && p.dingtalkUserId)
    .map((p) => ({ personId: p.id, name: p.name, dingtalkUserId: p.dingtalkUserId!, locale: p.locale ?? 'zh-CN' }));
}

/**
 * The whole bot, or a failure: today's contract for the tests and the replay CLI. A `DATABASE_URL` that does not
 * answer fails it unless `waitForDatabase` is set (then it resolves once the database answers).
 */
export async function createBot(config: AppConfig, log: Log, options: BotOptions = {}): Promise<Bot> {
  const starting = await startBot(config, log, { waitForDatabase: false, ...options });
  return starting.ready;
}

/**
 * Start receiving at once — the spool, the HTTP server (`/healthz` says `degraded` while the database is down and
 * the spool takes frames), the DingTalk receiver whose pipeline spools every frame until the chat layer exists —
 * then open the database (retrying while it does not answer, unless `waitForDatabase` is false) and compose the
 * rest; `ready` resolves with the whole bot. Rejects only when it cannot receive at all (no credentials, the port).
 */
export async function startBot(config: AppConfig, log: Log, options: BotOptions = {}): Promise<StartingBot> {
  if (!options.gateway && config.dingtalk.mode === 'none') {
    throw new Error('no DingTalk credentials: set DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (or DINGTALK_EMULATOR=1 for a test setup)');
  }
  // The workbench page's cookie key: random per start only in demo mode (docs/portal.md "Session").
  if (!config.portal.sessionSecret && (config.dingtalk.mode === 'stream' || config.dingtalk.mode === 'http')) {
    throw new Error('SESSION_SECRET: required with DingTalk credentials (at least 32 characters): it signs the workbench page\'s session cookie');
  }
  const started = Date.now();
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const health = new HealthRegistry();
  const shutdown = new Shutdown(log);
  const close = async () => {
    await shutdown.close();
  };

  try {
    // 1. The spool takes frames whenever the inbox cannot: the database is down, or not open yet (drained by the
    // connection). What lives on the database is bound once it opens (step 5); until then frames spool.
    const spool = new FileSpool({ dir: config.spoolDir });
    shutdown.add('spool', () => spool.close());
    health.register('spool', spoolHealth(spool));
    registerSpoolMetrics(spool, metrics);
    const dbStatus = { attempts: 0, error: null as string | null };
    health.register('database', databaseNotOpenHealth(() => dbStatus, spool));
    let db: Database | null = null;
    let processes: ProcessRegistry | null = null;
    shutdown.add('database', () => db?.close());
    shutdown.add('heartbeat', () => processes?.stop());
    const inbox = new LateBoundInboxStore();
    let cards: TypeormCardStore | null = null;
    const cardHolder: CardHolderCheck = (outTrackId, userId) =>
      cards ? cardHolderCheckOn(cards)(outTrackId, userId) : Promise.reject(new DatabaseNotOpenError());
    const admin = config.adminToken ? new LateRouter('/admin', 'the database is not open yet: try again in a minute') : null;
    // The workbench page (docs/portal.md): served once the database is open. Without SESSION_SECRET (demo mode
    // only; loadConfig refuses it with DingTalk credentials) a random key per start: sessions end with the process.
    const portalRouter = new LateRouter('/app', 'the database is not open yet: try again in a minute');
    const sessionSecret = config.portal.sessionSecret ?? randomBytes(32).toString('hex');

    // 2. HTTP server (first: DingTalk's connect never rejects, health must be reachable meanwhile)
    // No DingTalk credentials: the emulator is DingTalk, its page and OpenAPI on this server (Stream upgrades too).
    // Its people: those of DIRECTORY_FILE now (readable without the database), the stored directory's once it opens.
    const fromFile = config.directoryFile ? await loadDirectoryFile(config.directoryFile) : null;
    const emulator =
      !options.gateway && config.dingtalk.mode === 'emulator'
        ? createDemoDingTalk({
            people: fromFile?.ok ? emulatorPeople(fromFile.value.data) : [],
            qpsLimit: config.dingtalk.qpsLimit,
            logger: log.child({ component: 'emulator' }),
          })
        : null;
    // "Received, in the queue" (the chat layer's words), once the chat layer exists; frames before that wait.
    let onQueuedRef: ((message: IncomingChatMessage) => Promise<void>) | null = null;
    const onQueued = async (message: IncomingChatMessage) => onQueuedRef?.(message);
    const dingtalkOptions = {
      qps: config.dingtalkApiQps,
      redisUrl: config.redisUrl,
      // Without Redis each process paces at its share of the budget: the live processes, once the database opens.
      liveProcesses: () => processes?.liveCount() ?? 1,
      inbox,
      logger: log,
      metrics,
      spool,
      maxInFlight: config.maxInFlight,
      onQueued,
      maxTextChars: MESSAGE_MAX_CHARS + 1,
      cardHolder,
    };
    let dingtalk: PreparedDingTalk | null =
      options.gateway || config.dingtalk.mode === 'emulator' || config.dingtalk.mode === 'none'
        ? null
        : prepareDingTalk({ settings: config.dingtalk, ...dingtalkOptions, portalUrl: config.portal.publicUrl });
    const routers = [...(emulator ? [emulator.router] : []), ...(dingtalk?.routers ?? []), ...(admin ? [admin.router] : []), portalRouter.router];
    const app = createHttpApp({ health, metrics, log, routers });
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.httpPort, config.bindHost, resolve);
    });
    shutdown.add(
      'http',
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = `http://${hostForUrl(config.bindHost)}:${port}/`;
    if (emulator && !LOOPBACK.has(config.bindHost)) {
      log.warn('app.emulator.exposed', { bindHost: config.bindHost, note: 'anyone reaching this port can post as any person and read every card' });
    }

    // 3. DingTalk: the organisation's, or the emulator on this server reached by its URLs like the real one
    if (emulator) {
      emulator.attach(server);
      shutdown.add('emulator', () => emulator.close());
      // Ticket cards link their page on this server (the emulator's page opens it signed in).
      dingtalk = prepareDingTalk({ settings: demoDingTalkSettings(emulator), ...dingtalkOptions, portalUrl: config.portal.publicUrl ?? url.replace(/\/+$/, '') });
    }
    // The workbench page's base URL (the cards' and `查看`'s link): PUBLIC_URL, or this server in demo mode.
    const pageBase = config.portal.publicUrl ?? (emulator ? url.replace(/\/+$/, '') : undefined);
    const connection = dingtalk ? await dingtalk.connect() : null;
    if (connection) shutdown.add('dingtalk', () => connection.stop());
    const gateway: ChatGateway = options.gateway ?? connection!.gateway;
    health.register('dingtalk', dingtalkHealth(connection, config.dingtalk.mode));
    health.register('intake', intakeHealth(() => connection?.intake() ?? null));
    health.register('dingtalk_send_queue', sendQueueHealth(() => connection?.sendQueue() ?? null));
    health.register('dingtalk_quota', dingtalkQuotaHealth(connection ? () => connection.monthlyCalls() : null, config.dingtalkMonthlyQuota));

    // 4. Receiving: the connection's pipeline (Stream or HTTP receivers, the inbox sweep, the spool drainer) starts
    // now over the late-bound inbox and handler: until step 5 binds them, every frame is spooled and acknowledged.
    let chatHandler: ChatInboundHandler | null = null;
    const requireHandler = () => {
      if (!chatHandler) throw new DatabaseNotOpenError();
      return chatHandler;
    };
    const lateHandler: ChatInboundHandler = {
      onMessage: (message) => requireHandler().onMessage(message),
      onCardAction: (action) => requireHandler().onCardAction(action),
    };
    // Address-book events (staff sync): until step 5 binds the handler, the inbox refuses them and DingTalk pushes
    // them again (answered LATER).
    let staffHandler: StaffEventHandler | null = null;
    const lateStaff: StaffEventHandler = {
      onStaffEvent: (event) => {
        if (!staffHandler) throw new DatabaseNotOpenError();
        return staffHandler.onStaffEvent(event);
      },
    };
    const receiving = connection && options.receive !== false ? await connection.start(lateHandler, lateStaff) : null;

    // Stops waiting for the database first on close; later start-up steps refuse to begin once closed.
    const waiting = new AbortController();
    shutdown.add('database-wait', () => waiting.abort());
    const stillStarting = () => {
      if (waiting.signal.aborted) throw new DatabaseWaitAborted();
    };

    // 5. Database, directory, rules, timers, tickets, outbox, escalation, chat; then the inbox and handler are bound
    const compose = async (): Promise<Bot> => {
      const dbConfig = { url: config.database.url, sqlitePath: config.database.sqlitePath };
      const opened =
        config.database.url && options.waitForDatabase !== false
          ? await openDatabaseWhenUp(dbConfig, {
              log,
              signal: waiting.signal,
              ...options.databaseRetry,
              onAttemptFailed: (error, attempt) => {
                dbStatus.attempts = attempt;
                dbStatus.error = error;
                if (attempt === 1) {
                  log.warn('app.database.down_at_start', {
                    note: 'receiving: every frame is spooled and acknowledged; nothing is handled until the database answers (it holds the directory)',
                    spoolDir: config.spoolDir,
                  });
                }
              },
            })
          : await openDatabase(dbConfig);
      db = opened;
      stillStarting();
      health.register('database', databaseHealth(opened, spool));
      log.info('app.database.ready', { dialect: opened.dialect });
      // This process's owner tag, on every row it holds (inbox, outbox, notices, reconciler claims), and its
      // heartbeat: when it stops (a crash), the living take those rows within seconds instead of after the lease.
      const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
      const registry = new ProcessRegistry(opened.gate, { owner, log: log.child({ component: 'heartbeat' }) });
      processes = registry;
      await registry.start();

      const directory = new TypeormDirectoryStore(opened);
      if (config.directoryFile) {
        const result = await importDirectoryFile(config.directoryFile, directory, { prune: false, now: systemClock.now() });
        for (const w of (result.ok ? result.value : result.error).warnings) log.warn('app.directory.warning', { issue: formatDirectoryIssue(w) });
        if (result.ok) log.info('app.directory.loaded', { file: config.directoryFile, ...result.value.summary });
        else for (const e of result.error.issues) log.error('app.directory.invalid', { file: config.directoryFile, issue: formatDirectoryIssue(e) });
      }
      const dir = await directory.current();
      if (!dir) {
        throw new Error('no directory is stored: set DIRECTORY_FILE to a valid directory file, or run npm run directory:import -- FILE');
      }
      emulator?.addPeople(emulatorPeople(dir.data));

      // FAQ (issue 14): the FAQ file (FAQ_FILE; the demo's by default without DATABASE_URL), imported idempotently.
      const faqStore = new TypeormFaqStore(opened.gate);
      if (config.faqFile) {
        const imported = await importFaqFile(config.faqFile, faqStore, dir, { prune: false, now: systemClock.now() });
        if (imported.ok) log.info('app.faq.loaded', { file: config.faqFile, ...imported.value });
        else for (const e of imported.error) log.error('app.faq.invalid', { file: config.faqFile, issue: formatDirectoryIssue(e) });
      }
      const faqs = new FaqService({
        store: faqStore,
        clock: systemClock,
        metrics: new PrometheusFaqMetrics(metrics),
        threshold: config.faqThreshold,
        intakeCacheMs: config.faqCacheMs,
        // Problems (issue 14): an entry made from a problem is decided by the problem's team (called after start-up)
        problemTeamOf: async (ref) => {
          const found = await core.tickets.get(systemActor(), ref);
          return found.ok && found.value.kind === 'problem' ? found.value.team : null;
        },
      });

      // Rules
      const ladder = await loadLadder();
      const triggers = await loadTriggerTable(undefined, dir);
      if (!ladder.ok || !triggers.ok) {
        throw new Error(`invalid rule files:\n${[...(ladder.ok ? [] : ladder.error), ...(triggers.ok ? [] : triggers.error)].join('\n')}`);
      }
      // The trigger table's change rows (docs/changes.md §6): errors stop the start, as the ticket rows' do.
      const changeTriggers = await loadChangeTriggers(undefined, dir);
      if (!changeTriggers.ok) throw new Error(`invalid rule files:\n${changeTriggers.error.join('\n')}`);
      // Change templates (docs/changes.md §1): a configured file with errors stops the start; the demo's only logs them.
      const changeTemplates = config.changes ? await loadChangeTemplates(config.changes.file, dir) : null;
      if (changeTemplates && !changeTemplates.ok) {
        if (config.changes!.explicit) throw new Error(`invalid change templates (CHANGES_FILE):\n${changeTemplates.error.join('\n')}`);
        for (const issue of changeTemplates.error) log.error('app.changes.invalid', { issue });
      }
      const cn = await loadCnHolidays();
      if (!cn.ok) throw new Error(`invalid holiday file:\n${cn.error.join('\n')}`);
      const counters = (d: Directory) => countersFor(d, cn.value);
      const holidaysUntil = cnHolidaysCoveredUntil(cn.value);
      if (!holidaysUntil || holidaysUntil < `${new Date().getUTCFullYear() + 1}-01-01`) {
        log.warn('app.calendar.holidays_end_soon', { holidaysUntil, note: 'later dates count plain weekdays' });
      }
      health.register('calendar', calendarHealth(holidaysUntil));

      const inboxStore = new TypeormInboxStore(opened.gate, { owner, liveness: registry });
      const cardStore = new TypeormCardStore(opened.gate);
      cards = cardStore;
      admin?.bind(
        createAdminRouter({
          token: config.adminToken!,
          outbox: new TypeormOutboxStore(opened.gate),
          notices: new TypeormNoticeStore(opened.gate),
          directory,
          now: () => systemClock.now(),
        }),
      );

      // Timers, tickets, outbox, escalation, chat
      const scheduler: ThresholdScheduler = config.redisUrl
        ? new BullThresholdScheduler({ redisUrl: config.redisUrl, logger: log.child({ component: 'bull' }) })
        : new InProcessThresholdScheduler({ logger: log.child({ component: 'timers' }) });
      health.register('redis', timersHealth(config.redisUrl, scheduler));

      const core = coreOn(
        opened,
        gateway,
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
          liveness: registry,
        },
        { owner, reconcileMs: options.reconcileMs },
      );
      const { tickets, outbox, escalation } = core;
      const chatDeps: ChatLayerDeps = {
        tickets,
        directory,
        cards: cardStore,
        notices: new TypeormNoticeStore(opened.gate),
        gateway,
        clock: systemClock,
        log: log.child({ component: 'chat' }),
        defaultLocale: config.locale,
        // What the chat layer remembers, one instance per process, shared by the handler and the card reaction.
        filingLimit: new InProcessFilingLimit(),
        autoJoinThreshold: config.autoJoinThreshold,
        demandTeam: config.demandTeam,
        // The "+1 to D-…" offer at filing (docs/demands.md "Votes").
        demands: new TypeormDemandStore(opened.ds),
        demandVoteThreshold: config.demandVoteThreshold,
        adminAlerts: new InProcessAdminAlertMemory(),
        faqs,
        pageBase,
        // Pictures, files and voice (docs/domain.md "Attachments"): fetched through DingTalk, stored with the ticket.
        ...(connection
          ? { attachments: { store: new TypeormAttachmentStore(opened.gate), files: new DingTalkChatFiles(connection.api), maxBytes: config.attachmentMaxBytes } }
          : {}),
      };
      // Reactions to committed events: the cards first (`registerFirst`: what the caller waits for, and who got one
      // is read by the escalation layer's reaction, registered by coreOn, which runs after).
      outbox.reactions.registerFirst(cardUpdateReaction(chatDeps));
      // The demand card to the demand team, updated as votes come in (docs/demands.md "The demand card").
      outbox.reactions.register(demandCardReaction(chatDeps));
      // The demand's team is told of each new demand (docs/demands.md "The demand team's notice").
      outbox.reactions.register(
        tellDemandTeamWhenDemandCreated({
          demands: new TypeormDemandStore(opened.ds),
          directory,
          notices: new TypeormNoticeStore(opened.gate),
          render: renderDemandNotice,
          defaultLocale: config.locale,
          log: log.child({ component: 'demand-notice' }),
        }),
      );
      // The demand pool's webhook (docs/demands.md): new demands POSTed, signed, retried through the outbox.
      if (config.demandPool) {
        outbox.reactions.register(
          postDemandWhenDemandCreated({
            demands: new TypeormDemandStore(opened.ds),
            pool: new HttpDemandPoolClient(config.demandPool.url, config.demandPool.secret),
            log: log.child({ component: 'demand-pool' }),
          }),
        );
      }
      if (changeTemplates?.ok) {
        const wired = changesOn(opened, {
          templates: changeTemplates.value,
          tickets,
          directory,
          clock: systemClock,
          counters,
          afterCommit: () => outbox.kick(),
          scheduler: config.redisUrl
            ? new BullThresholdScheduler({ redisUrl: config.redisUrl, queueName: 'change-thresholds', logger: log.child({ component: 'bull' }) })
            : new InProcessThresholdScheduler({ logger: log.child({ component: 'timers' }) }),
          locale: config.locale,
          log,
          reconcileMs: 30_000,
          triggers: changeTriggers.value,
        });
        chatDeps.changes = wired.changes;
        reactToChanges(outbox.reactions, wired, changeCardReaction(chatDeps, changeTriggers.value), { tickets, log });
        await wired.clocks.start();
        shutdown.add('change-clocks', () => wired.clocks.stop());
        log.info('app.changes.loaded', { templates: changeTemplates.value.templates.length });
      }
      onQueuedRef = queuedAnswer(chatDeps);
      // The sign-in page's JSAPI: DingTalk's own (npm dingtalk-jsapi, bundled here), or in demo mode the emulator's stub.
      const jsapiBundle = emulator
        ? null
        : await bundleCommonJs('dingtalk-jsapi/index.js', 'dd').catch((e: unknown) => {
            log.error('portal.jsapi_unavailable', { error: (e as Error).message, note: 'the workbench page cannot sign in' });
            return null;
          });
      portalRouter.bind(
        createPortalRouter({
          portal: new PortalService({
            tickets,
            store: new TypeormTicketStore(opened.gate),
            directory,
            reads: new TypeormPortalReadStore(opened.gate),
            shortcuts: new TypeormShortcutStore(opened.gate),
            // 免登 through DingTalk's (or the emulator's) getuserinfo; no DingTalk connection (a test gateway): no sign-in.
            signIn: { userIdForAuthCode: async (code) => (connection ? connection.api.userIdForAuthCode(code) : null) },
            clock: systemClock,
            outbox: new TypeormOutboxStore(opened.gate),
            notices: new TypeormNoticeStore(opened.gate),
            faqs,
            demands: new TypeormDemandStore(opened.ds),
          }),
          directory,
          sessionSecret,
          secureCookies: (config.portal.publicUrl ?? '').startsWith('https:'),
          corpId: emulator ? emulator.options.corpId : config.dingtalk.mode === 'stream' || config.dingtalk.mode === 'http' ? (config.dingtalk.corpId ?? '') : '',
          jsapiScripts: emulator ? ['/emulator/dingtalk-jsapi.js'] : jsapiBundle ? ['/app/assets/dingtalk-jsapi.js'] : [],
          jsapiBundle,
          defaultLocale: config.locale,
          // A refused action: the very sentence the card shows for the same code (docs/portal.md "Actions").
          refusal: (error, locale, dir) => errorSentence(error, catalogFor(locale), dir),
          now: () => systemClock.now().getTime(),
          log: log.child({ component: 'portal' }),
        }),
      );
      health.register('escalation', escalationHealth(core.escalationDeps.store));
      stillStarting();
      await escalation.start();
      shutdown.add('escalation', () => escalation.stop());

      // Retention: one process at a time purges what only grows (hourly, and a minute after start); not for the
      // short-lived replay CLI.
      if (options.receive !== false) {
        const retention = new DatabaseRetention(opened, { retentionDays: config.retentionDays, log: log.child({ component: 'retention' }) });
        retention.start();
        shutdown.add('retention', () => retention.stop());
      }

      // The daily report (docs/reports.md): a round a minute when REPORT_CALENDAR is set; each lead once a day
      // across processes (a `daily_reports` claim). Not for the replay CLI nor a test gateway without DingTalk.
      if (options.receive !== false && config.report.calendar && connection) {
        const dt = config.dingtalk;
        const templateId = config.report.cardTemplateId ?? (dt.mode === 'stream' || dt.mode === 'http' ? dt.cardTemplateId : undefined) ?? DEMO_REPORT_TEMPLATE_ID;
        const reports = dailyReportLoop({
          db: opened,
          directory,
          publisher: new DingTalkReportPublisher(connection.api, templateId),
          clock: systemClock,
          log: log.child({ component: 'daily-report' }),
          owner,
          render: (report, dir, reader) => renderDailyReport(report, dir, reader, config.locale),
          calendar: config.report.calendar,
          time: config.report.time,
        });
        reports.start();
        shutdown.add('daily-report', () => reports.stop());
      }

      // The automatic demand conversion (docs/demands.md "Automatic conversion"): off unless DEMAND_AFTER_WORKING_DAYS.
      if (options.receive !== false && config.demandAfterWorkingDays) {
        const days = config.demandAfterWorkingDays;
        const demands = longPendingLoop({
          tickets,
          directory,
          clock: systemClock,
          log: log.child({ component: 'demand-auto-convert' }),
          days,
          demandTeam: config.demandTeam,
          note: (n) => autoConversionNote(config.locale, n),
        });
        demands.start();
        shutdown.add('demand-auto-convert', () => demands.stop());
      }

      const handler = createChatHandler(chatDeps);
      // The handler first, then the inbox: from here frames are stored and handled, and the spool drainer moves
      // the spooled ones into the inbox in order (new frames queue behind them in the spool until it is empty).
      chatHandler = handler;
      staffHandler = staffEventHandler({
        store: new TypeormStaffStore(opened.gate, () => directory.invalidate()),
        directory,
        clock: systemClock,
        counters,
        words: renderStaffLeftNotice,
        defaultLocale: config.locale,
        contacts: {
          user: async (userId) => {
            const u = connection ? await connection.api.getUser(userId) : null;
            return u ? { userId: u.userId, name: u.name, deptIds: (u.deptIds ?? []).map(String) } : null;
          },
        },
        log: log.child({ component: 'staff' }),
      });
      inbox.bind(inboxStore);
      // Without a receiver: a pipeline of our own over the same inbox (a test gateway, the replay CLI), answering
      // late card clicks by updating the card.
      const inbound =
        receiving ??
        new InboundPipeline({
          inbox: inboxStore,
          handler,
          staff: lateStaff,
          logger: log.child({ component: 'inbound' }),
          onLateCardAnswer: (outTrackId, answer) => gateway.updateCard(outTrackId, answer.card, 'answer'),
        });

      log.info('app.started', { url, ms: Date.now() - started, dingtalk: config.dingtalk.mode });
      return {
        url,
        tickets,
        escalation,
        outbox,
        gateway,
        handler,
        inbound,
        inbox: inboxStore,
        emulator,
        close,
        closeOnSignals: () => shutdown.onSignals(),
      };
    };

    const ready = compose().catch(async (e: unknown) => {
      await close();
      throw e;
    });
    ready.catch(() => undefined); // the caller decides; a start closed meanwhile is no unhandled rejection
    log.info('app.receiving', { url, ms: Date.now() - started, dingtalk: config.dingtalk.mode });
    return { url, emulator, ready, close, closeOnSignals: () => shutdown.onSignals() };
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
  let bot: StartingBot;
  try {
    bot = await startBot(loaded.value, log);
  } catch (e) {
    log.error('app.start_failed', { error: (e as Error).message });
    process.exit(1);
  }
  bot.closeOnSignals();
  if (loaded.value.dingtalk.mode === 'emulator') {
    process.stdout.write(`\nDingTalk emulator: open ${bot.url} in a browser\n\n`);
  }
  // The database answered but the bot cannot complete (no directory, invalid rules): stop, the log says why.
  bot.ready.catch((e: unknown) => {
    if (e instanceof DatabaseWaitAborted) return; // closed by a signal while waiting
    log.error('app.start_failed', { error: (e as Error).message });
    process.exit(1);
  });
}

if (require.main === module) void main();
