/**
 * The one place that reads the environment (docs/interfaces.md "Environment"). Every variable is optional: nothing set
 * = the embedded demo. All bad values are reported at once, each naming the variable to fix.
 */
import path from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/shared/locale';
import { DEFAULT_AUTO_JOIN_THRESHOLD } from '../../domain/similarity/auto-join';
import { DEFAULT_DEMAND_VOTE_THRESHOLD } from '../../domain/similarity/demand-match';
import { DEFAULT_FAQ_THRESHOLD } from '../../domain/similarity/faq-match';
import { DEFAULT_ATTACHMENT_MAX_MB } from '../../domain/attachments/attachment';
import { err, type Result } from '../../domain/shared/result';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const numberFrom = (min: number, max: number, integer: boolean) =>
  optionalString.pipe(
    z
      .string()
      .regex(integer ? /^\d+$/ : /^\d+(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .optional(),
  );

const schema = z.object({
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^mysql:\/\/.+/.test(v), {
    message: 'must look like mysql://user:pass@host:port/db',
  }),
  SQLITE_PATH: optionalString,
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\/.+/.test(v), {
    message: 'must look like redis://host:port/db',
  }),
  DIRECTORY_FILE: optionalString,
  CHANGES_FILE: optionalString,
  HTTP_PORT: numberFrom(0, 65535, true),
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_CARD_TEMPLATE_ID: optionalString,
  DINGTALK_API_BASE: optionalString.pipe(z.url().optional()),
  DINGTALK_OAPI_BASE: optionalString.pipe(z.url().optional()),
  DINGTALK_GATEWAY_URL: optionalString.pipe(z.url().optional()),
  DINGTALK_MODE: optionalString.pipe(z.enum(['stream', 'http']).optional()),
  DINGTALK_CORP_ID: optionalString,
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  HTTP_SIGN_WINDOW_S: numberFrom(1, 3600, true),
  DINGTALK_API_QPS: numberFrom(0, 10_000, false),
  DINGTALK_MONTHLY_QUOTA: numberFrom(1, 1_000_000_000, true),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  LOG_LEVEL: optionalString.pipe(z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).optional()),
  LOG_FORMAT: optionalString.pipe(z.enum(['json', 'pretty']).optional()),
  LOCALE: optionalString.pipe(z.enum(LOCALES).optional()),
  DINGTALK_EMULATOR: optionalString.pipe(z.literal('1', { message: 'must be 1 or unset' }).optional()),
  BIND_HOST: optionalString,
  EMULATOR_QPS: numberFrom(0, 10_000, true),
  NODE_ENV: optionalString,
  SPOOL_DIR: optionalString,
  MAX_IN_FLIGHT: numberFrom(1, 100_000, true),
  RETENTION_DAYS: numberFrom(1, 36_500, true),
  SESSION_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (it signs the workbench page\'s session cookie)',
  }),
  ATTACHMENT_MAX_MB: numberFrom(0.01, 1024, false),
  AUTO_JOIN_THRESHOLD: optionalString.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number)
      .pipe(z.number().gt(0, { message: 'must be more than 0 and at most 1' }).max(1, { message: 'must be more than 0 and at most 1' }))
      .optional(),
  ),
  // FAQ (issue 14)
  FAQ_THRESHOLD: optionalString.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number)
      .pipe(z.number().gt(0, { message: 'must be more than 0 and at most 1' }).max(1, { message: 'must be more than 0 and at most 1' }))
      .optional(),
  ),
  FAQ_FILE: optionalString,
  FAQ_CACHE_SECONDS: numberFrom(0, 3600, false),
  // The daily report (docs/reports.md).
  REPORT_CALENDAR: optionalString,
  REPORT_TIME: optionalString.refine((v) => v === undefined || /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), { message: 'must be HH:MM, e.g. 09:00' }),
  REPORT_CARD_TEMPLATE_ID: optionalString,
  // The demand pool's webhook (docs/demands.md).
  DEMAND_POOL_URL: optionalString.pipe(z.url().optional()),
  DEMAND_POOL_SECRET: optionalString,
  DEMAND_TEAM: optionalString,
  DEMAND_VOTE_THRESHOLD: optionalString.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { message: 'must be a number' })
      .transform(Number)
      .pipe(z.number().gt(0, { message: 'must be more than 0 and at most 1' }).max(1, { message: 'must be more than 0 and at most 1' }))
      .optional(),
  ),
  // Pending requests become demands after this many whole working days (docs/demands.md); unset: off.
  DEMAND_AFTER_WORKING_DAYS: numberFrom(1, 3650, true),
});

export interface AppConfig {
  database: { url?: string; sqlitePath: string };
  redisUrl?: string;
  /** File imported at start-up; the demo file in embedded mode. */
  directoryFile?: string;
  httpPort: number;
  /** Address the HTTP server listens on: 127.0.0.1 in demo mode (the emulator), 0.0.0.0 otherwise. */
  bindHost: string;
  /**
   * `emulator`: the local DingTalk emulator (demo mode: no credentials and no DATABASE_URL, or DINGTALK_EMULATOR=1);
   * `none`: no credentials, for entry points that never reach DingTalk (`loadConfig(env, { dingtalk: 'unused' })`).
   */
  dingtalk:
    | {
        mode: 'emulator';
        /** EMULATOR_QPS (test and benchmark knob): DingTalk's per-API QPS limit enforced by the emulator; 0 = off. */
        qpsLimit: number;
      }
    | { mode: 'none' }
    | {
        mode: 'stream' | 'http';
        clientId: string;
        clientSecret: string;
        robotCode: string;
        cardTemplateId?: string;
        apiBase: string;
        oapiBase: string;
        gatewayUrl: string;
        publicUrl?: string;
        /** DINGTALK_CORP_ID: HTTP mode refuses callbacks naming another corp (unset = not checked). */
        corpId?: string;
        /** HTTP_SIGN_WINDOW_S: how old (or early) a signed HTTP callback may be, in seconds. */
        signWindowS?: number;
      };
  dingtalkApiQps: number;
  /** DINGTALK_MONTHLY_QUOTA: the organisation's DingTalk calls per month; `/healthz` warns past 80 % (unset: no warning). */
  dingtalkMonthlyQuota?: number;
  adminToken?: string;
  log: { level: string; format: 'json' | 'pretty' };
  locale: Locale;
  /** Where frames go when the inbox cannot be written (one file per process). */
  spoolDir: string;
  /** Messages processed at once per process; more wait (stored, acknowledged, the sender told). */
  maxInFlight: number;
  /**
   * RETENTION_DAYS: done outbox rows, sent/skipped/dead notices, threshold and card rows of tickets closed longer
   * ago, and handled inbox rows are purged after this many days (tickets and their history are kept).
   */
  retentionDays: number;
  /**
   * AUTO_JOIN_THRESHOLD: a new request whose text scores at least this (`joinScore`, 0 … 1) against an open incident
   * of its service is linked to it at once (`decideAutoJoin`); below it the "Same as I-…?" offer stays.
   */
  autoJoinThreshold: number;
  /**
   * The workbench page (docs/portal.md): SESSION_SECRET signs its session cookie (unset in demo mode: a random key
   * per start, so sessions end with the process); PUBLIC_URL is the base of the ticket cards' links.
   */
  portal: { sessionSecret?: string; publicUrl?: string };
  /** FAQ (issue 14) FAQ_THRESHOLD: a message scoring at least this (`faqScore`) against a published entry gets the FAQ card. */
  faqThreshold: number;
  /** FAQ_FILE: imported at start-up (idempotent); default the demo file when DATABASE_URL is unset. */
  faqFile?: string;
  /** FAQ_CACHE_SECONDS (default 5; 0 = off): how long the published entries every chat message is matched against are kept. */
  faqCacheMs: number;
  /**
   * ATTACHMENT_MAX_MB: the largest picture, file, video or voice stored with a ticket, in bytes (docs/domain.md
   * "Attachments"); keep it under the database's `max_allowed_packet`.
   */
  attachmentMaxBytes: number;
  /**
   * The daily report (docs/reports.md): REPORT_CALENDAR, the directory calendar whose working days get a report
   * (unset: no daily reports are sent; `report:daily` still prints); REPORT_TIME, the local time it is due (default
   * 09:00); REPORT_CARD_TEMPLATE_ID, the report card's template (default: DINGTALK_CARD_TEMPLATE_ID).
   */
  report: { calendar?: string; time: string; cardTemplateId?: string };
  /** DEMAND_POOL_URL + DEMAND_POOL_SECRET (docs/demands.md): where new demands are POSTed, signed; unset → demands stay in the bot. */
  demandPool?: { url: string; secret: string };
  /** DEMAND_TEAM: the team new demands belong to instead of the service's provider team (unset: the provider team). */
  demandTeam?: string;
  /**
   * DEMAND_VOTE_THRESHOLD: a new request scoring at least this (`demandScore`, 0 … 1) against an open demand of its
   * service is offered "+1 to D-…" (docs/demands.md "Votes"). Default `DEFAULT_DEMAND_VOTE_THRESHOLD` (0.5).
   */
  demandVoteThreshold: number;
  /** DEMAND_AFTER_WORKING_DAYS (docs/demands.md "Automatic conversion"): unset = off. */
  demandAfterWorkingDays?: number;
  /**
   * CHANGES_FILE: the change templates (docs/changes.md §1); the demo's `config/changes.yaml` in demo mode only.
   * `explicit`: set by CHANGES_FILE, so a file with errors stops the start-up (the demo default only logs them).
   */
  changes?: { file: string; explicit: boolean };
}

export type ConfigResult = Result<AppConfig, string[]>;

export interface LoadConfigOptions {
  /**
   * `required` (default, the program): without credentials, the emulator in demo mode or a start-up error.
   * `unused`: an entry point that never reaches DingTalk (directory commands, benchmarks of the core): missing
   * credentials are no error and `dingtalk` is `{mode: 'none'}` outside demo mode.
   */
  dingtalk?: 'required' | 'unused';
}

/** HTTP_SIGN_WINDOW_S default: DingTalk itself accepts a signature for an hour; the bot for five minutes. */
export const DEFAULT_SIGN_WINDOW_S = 300;

/** DingTalk posts HTTP-mode callbacks to PUBLIC_URL: https, except a loopback address (tests, a local proxy). */
function isHttpsOrLoopback(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}

export const DEMO_DIRECTORY_FILE = 'config/demo-directory.yaml';
export const DEMO_FAQ_FILE = 'config/demo-faq.yaml';
export const DEMO_CHANGES_FILE = 'config/changes.yaml';

/** Variables whose combination is checked (which of them are set, not their values). */
const RELATED = ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_MODE', 'PUBLIC_URL', 'DATABASE_URL', 'DINGTALK_EMULATOR', 'NODE_ENV'] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}): ConfigResult {
  const parsed = schema.safeParse(env);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`);
  // The rules between variables depend only on which are set: checked on the raw values, so they are reported
  // together with the bad values above.
  const e = Object.fromEntries(RELATED.map((k) => [k, env[k]?.trim() || undefined])) as Partial<Record<(typeof RELATED)[number], string>>;
  if (!!e.DINGTALK_CLIENT_ID !== !!e.DINGTALK_CLIENT_SECRET) {
    errors.push('DINGTALK_CLIENT_SECRET: set both DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET, or neither (emulator)');
  }
  if (e.DINGTALK_MODE === 'http' && !e.PUBLIC_URL && e.DINGTALK_CLIENT_ID) {
    errors.push('PUBLIC_URL: required with DINGTALK_MODE=http, to register card callbacks');
  }
  if (e.DINGTALK_MODE === 'http' && e.PUBLIC_URL && URL.canParse(e.PUBLIC_URL) && !isHttpsOrLoopback(e.PUBLIC_URL)) {
    errors.push('PUBLIC_URL: must be an https:// address with DINGTALK_MODE=http (http:// only for 127.0.0.1 or localhost)');
  }
  // The emulator lets anyone who reaches it post as any person and read every card: demo mode only.
  const production = e.NODE_ENV === 'production';
  const credentials = !!(e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET);
  const noCredentials = !e.DINGTALK_CLIENT_ID && !e.DINGTALK_CLIENT_SECRET;
  const demoMode = noCredentials && (e.DINGTALK_EMULATOR === '1' || !e.DATABASE_URL);
  if (e.DINGTALK_EMULATOR === '1' && credentials) {
    errors.push('DINGTALK_EMULATOR: unset it to use the DingTalk app of DINGTALK_CLIENT_ID, or unset the credentials to use the local emulator');
  }
  if (e.DINGTALK_EMULATOR === '1' && production) {
    errors.push('DINGTALK_EMULATOR: the local DingTalk emulator never runs with NODE_ENV=production; unset it and set DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET');
  } else if (noCredentials && production && options.dingtalk !== 'unused') {
    errors.push('DINGTALK_CLIENT_ID: required with NODE_ENV=production (the local emulator never runs in production): set DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET');
  } else if (noCredentials && !demoMode && options.dingtalk !== 'unused') {
    errors.push(
      'DINGTALK_CLIENT_ID: required with DATABASE_URL: set DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the DingTalk app\'s AppKey/AppSecret), or DINGTALK_EMULATOR=1 for a test setup on the local emulator',
    );
  }
  if (!!env.DEMAND_POOL_URL?.trim() !== !!env.DEMAND_POOL_SECRET?.trim()) {
    errors.push('DEMAND_POOL_SECRET: set both DEMAND_POOL_URL and DEMAND_POOL_SECRET (the webhook is always signed), or neither');
  }
  if (!parsed.success || errors.length) return err(errors);
  const v = parsed.data;

  const dingtalk: AppConfig['dingtalk'] =
    v.DINGTALK_CLIENT_ID && v.DINGTALK_CLIENT_SECRET
      ? {
          mode: v.DINGTALK_MODE ?? 'stream',
          clientId: v.DINGTALK_CLIENT_ID,
          clientSecret: v.DINGTALK_CLIENT_SECRET,
          robotCode: v.DINGTALK_ROBOT_CODE ?? v.DINGTALK_CLIENT_ID,
          cardTemplateId: v.DINGTALK_CARD_TEMPLATE_ID,
          apiBase: v.DINGTALK_API_BASE ?? 'https://api.dingtalk.com',
          oapiBase: v.DINGTALK_OAPI_BASE ?? 'https://oapi.dingtalk.com',
          gatewayUrl: v.DINGTALK_GATEWAY_URL ?? 'https://api.dingtalk.com/v1.0/gateway/connections/open',
          publicUrl: v.PUBLIC_URL,
          corpId: v.DINGTALK_CORP_ID,
          signWindowS: v.HTTP_SIGN_WINDOW_S ?? DEFAULT_SIGN_WINDOW_S,
        }
      : demoMode && !production
        ? { mode: 'emulator', qpsLimit: v.EMULATOR_QPS ?? 0 }
        : { mode: 'none' };
  return {
    ok: true,
    value: {
      database: { url: v.DATABASE_URL, sqlitePath: v.SQLITE_PATH ?? 'data/bot.sqlite' },
      redisUrl: v.REDIS_URL,
      directoryFile: v.DIRECTORY_FILE ?? (v.DATABASE_URL ? undefined : DEMO_DIRECTORY_FILE),
      httpPort: v.HTTP_PORT ?? 3000,
      bindHost: v.BIND_HOST ?? (dingtalk.mode === 'emulator' ? '127.0.0.1' : '0.0.0.0'),
      dingtalk,
      dingtalkApiQps: v.DINGTALK_API_QPS ?? 20,
      dingtalkMonthlyQuota: v.DINGTALK_MONTHLY_QUOTA,
      adminToken: v.ADMIN_TOKEN,
      log: { level: v.LOG_LEVEL ?? 'info', format: v.LOG_FORMAT ?? (production ? 'json' : 'pretty') },
      locale: v.LOCALE ?? 'zh-CN',
      // Beside the embedded database by default (a spool belongs to one database: the drainer stores into it).
      spoolDir: v.SPOOL_DIR ?? (v.DATABASE_URL ? 'data/spool' : path.join(path.dirname(v.SQLITE_PATH ?? 'data/bot.sqlite'), 'spool')),
      maxInFlight: v.MAX_IN_FLIGHT ?? 64,
      retentionDays: v.RETENTION_DAYS ?? 30,
      autoJoinThreshold: v.AUTO_JOIN_THRESHOLD ?? DEFAULT_AUTO_JOIN_THRESHOLD,
      portal: { sessionSecret: v.SESSION_SECRET, publicUrl: v.PUBLIC_URL },
      faqThreshold: v.FAQ_THRESHOLD ?? DEFAULT_FAQ_THRESHOLD,
      faqFile: v.FAQ_FILE ?? (v.DATABASE_URL ? undefined : DEMO_FAQ_FILE),
      faqCacheMs: Math.round((v.FAQ_CACHE_SECONDS ?? 5) * 1000),
      attachmentMaxBytes: Math.floor((v.ATTACHMENT_MAX_MB ?? DEFAULT_ATTACHMENT_MAX_MB) * 1024 * 1024),
      report: { calendar: v.REPORT_CALENDAR, time: v.REPORT_TIME ?? '09:00', cardTemplateId: v.REPORT_CARD_TEMPLATE_ID },
      demandTeam: v.DEMAND_TEAM,
      demandVoteThreshold: v.DEMAND_VOTE_THRESHOLD ?? DEFAULT_DEMAND_VOTE_THRESHOLD,
      demandAfterWorkingDays: v.DEMAND_AFTER_WORKING_DAYS,
      demandPool: v.DEMAND_POOL_URL && v.DEMAND_POOL_SECRET ? { url: v.DEMAND_POOL_URL, secret: v.DEMAND_POOL_SECRET } : undefined,
      changes: v.CHANGES_FILE
        ? { file: v.CHANGES_FILE, explicit: true }
        : v.DATABASE_URL
          ? undefined
          : { file: DEMO_CHANGES_FILE, explicit: false },
    },
  };
}
