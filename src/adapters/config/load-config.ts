/**
 * The one place that reads the environment (docs/interfaces.md "Environment"). Every variable is optional: nothing set
 * = the embedded demo. All bad values are reported at once, each naming the variable to fix.
 */
import path from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/shared/locale';
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
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  LOG_LEVEL: optionalString.pipe(z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).optional()),
  LOG_FORMAT: optionalString.pipe(z.enum(['json', 'pretty']).optional()),
  LOCALE: optionalString.pipe(z.enum(LOCALES).optional()),
  NODE_ENV: optionalString,
  SPOOL_DIR: optionalString,
  MAX_IN_FLIGHT: numberFrom(1, 100_000, true),
});

export interface AppConfig {
  database: { url?: string; sqlitePath: string };
  redisUrl?: string;
  /** File imported at start-up; the demo file in embedded mode. */
  directoryFile?: string;
  httpPort: number;
  dingtalk:
    | { mode: 'emulator' }
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
  adminToken?: string;
  log: { level: string; format: 'json' | 'pretty' };
  locale: Locale;
  /** Where frames go when the inbox cannot be written (one file per process). */
  spoolDir: string;
  /** Messages processed at once per process; more wait (stored, acknowledged, the sender told). */
  maxInFlight: number;
}

export type ConfigResult = Result<AppConfig, string[]>;

export const DEMO_DIRECTORY_FILE = 'config/demo-directory.yaml';

/** HTTP_SIGN_WINDOW_S default: DingTalk itself accepts a signature for an hour; the bot for five minutes. */
export const DEFAULT_SIGN_WINDOW_S = 300;

/** DingTalk posts HTTP-mode callbacks to PUBLIC_URL: https, except a loopback address (tests, a local proxy). */
function isHttpsOrLoopback(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const e = parsed.data;
  const errors: string[] = [];
  if (!!e.DINGTALK_CLIENT_ID !== !!e.DINGTALK_CLIENT_SECRET) {
    errors.push('DINGTALK_CLIENT_SECRET: set both DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET, or neither (emulator)');
  }
  if (e.DINGTALK_MODE === 'http' && !e.PUBLIC_URL && e.DINGTALK_CLIENT_ID) {
    errors.push('PUBLIC_URL: required with DINGTALK_MODE=http, to register card callbacks');
  }
  if (e.DINGTALK_MODE === 'http' && e.PUBLIC_URL && !isHttpsOrLoopback(e.PUBLIC_URL)) {
    errors.push('PUBLIC_URL: must be an https:// address with DINGTALK_MODE=http (http:// only for 127.0.0.1 or localhost)');
  }
  if (errors.length) return err(errors);

  const production = e.NODE_ENV === 'production';
  const dingtalk: AppConfig['dingtalk'] =
    e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
      ? {
          mode: e.DINGTALK_MODE ?? 'stream',
          clientId: e.DINGTALK_CLIENT_ID,
          clientSecret: e.DINGTALK_CLIENT_SECRET,
          robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
          cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
          apiBase: e.DINGTALK_API_BASE ?? 'https://api.dingtalk.com',
          oapiBase: e.DINGTALK_OAPI_BASE ?? 'https://oapi.dingtalk.com',
          gatewayUrl: e.DINGTALK_GATEWAY_URL ?? 'https://api.dingtalk.com/v1.0/gateway/connections/open',
          publicUrl: e.PUBLIC_URL,
          corpId: e.DINGTALK_CORP_ID,
          signWindowS: e.HTTP_SIGN_WINDOW_S ?? DEFAULT_SIGN_WINDOW_S,
        }
      : { mode: 'emulator' };
  return {
    ok: true,
    value: {
      database: { url: e.DATABASE_URL, sqlitePath: e.SQLITE_PATH ?? 'data/bot.sqlite' },
      redisUrl: e.REDIS_URL,
      directoryFile: e.DIRECTORY_FILE ?? (e.DATABASE_URL ? undefined : DEMO_DIRECTORY_FILE),
      httpPort: e.HTTP_PORT ?? 3000,
      dingtalk,
      dingtalkApiQps: e.DINGTALK_API_QPS ?? 20,
      adminToken: e.ADMIN_TOKEN,
      log: { level: e.LOG_LEVEL ?? 'info', format: e.LOG_FORMAT ?? (production ? 'json' : 'pretty') },
      locale: e.LOCALE ?? 'zh-CN',
      // Beside the embedded database by default (a spool belongs to one database: the drainer stores into it).
      spoolDir: e.SPOOL_DIR ?? (e.DATABASE_URL ? 'data/spool' : path.join(path.dirname(e.SQLITE_PATH ?? 'data/bot.sqlite'), 'spool')),
      maxInFlight: e.MAX_IN_FLIGHT ?? 64,
    },
  };
}
