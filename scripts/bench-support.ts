/** Small helpers shared by the benchmark scripts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Person } from '../src/domain/directory/directory.types';
import type { RunningDingTalkEmulator } from '../src/emulator/dingtalk-emulator';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export class Samples {
  private readonly values: number[] = [];
  add(ms: number): void {
    this.values.push(ms);
  }
  get count(): number {
    return this.values.length;
  }
  summary(): { p50: number; p99: number; max: number; mean: number; total: number } {
    const s = [...this.values].sort((a, b) => a - b);
    const total = s.reduce((a, b) => a + b, 0);
    return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? 0, mean: s.length ? total / s.length : 0, total };
  }
}

export const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

export function argNumber(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** `--name value` (a value not starting with `--`), `fallback` when the option is given bare, null when absent. */
export function argString(name: string, fallback: string, argv: readonly string[] = process.argv): string | null {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return null;
  const v = argv[i + 1];
  return v !== undefined && !v.startsWith('--') ? v : fallback;
}

/** A bench's bot process: `exited` rejects with a sentence as soon as it ends (or cannot start) before `stop()`. */
export interface BotProcess {
  child: ChildProcess;
  exited: Promise<never>;
  /** SIGTERM and wait for the exit (the CPU profile, with `profileDir`, is written then). */
  stop(): Promise<void>;
}

/**
 * Start `node [--cpu-prof --cpu-prof-dir DIR] script` with `env`, its output on ours. A bench races its waits
 * against `exited` (`whileAlive`), so a bot that fails to start or dies ends the bench at once with a non-zero exit
 * and a sentence, instead of a wait that never ends.
 */
export function startBotProcess(script: string, env: Record<string, string>, options: { profileDir?: string | null; args?: readonly string[] } = {}): BotProcess {
  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  const child = spawn(process.execPath, [...profile, script, ...(options.args ?? [])], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  let stopping = false;
  const ended = new Promise<{ code: number | null; signal: string | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  const exited = ended.then((e): never => {
    const how = e.error ? `could not start (${e.error.message})` : `exited (code ${e.code ?? '-'}, signal ${e.signal ?? '-'})`;
    throw new Error(`the bot process ${how} ${stopping ? 'while stopping' : 'before the bench was done'}: read its output above, fix what it names (DATABASE_URL, REDIS_URL, a port in use) and run the bench again`);
  });
  exited.catch(() => undefined); // observed by whileAlive; never an unhandled rejection
  return {
    child,
    exited,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await ended;
    },
  };
}

/** `work`, unless one of `bots` ends first: then the bot's sentence (the work is left to the bench's clean-up). */
export function whileAlive<T>(bots: readonly BotProcess[], work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return Promise.race([work, ...bots.map((b) => b.exited)]);
}

/**
 * A unique tag per message in letters that spell no subcategory keyword (a number could read "400", and b/u/g
 * could spell "bug"): every benchmark message must match exactly one subcategory.
 */
const TAG_LETTERS = 'acdefhjkmnpqrstvwxyz';
export function messageTag(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    s = TAG_LETTERS[(n - 1) % TAG_LETTERS.length] + s;
    n = Math.floor((n - 1) / TAG_LETTERS.length);
  }
  return s;
}

/**
 * N synthetic salespeople for a bench's directory: person `i` is `<prefix>-<tag(i)>`, DingTalk user id
 * 3000000000 + i, an active portal user of the organisation `orgOf(i)` with the name `nameOf(i)`.
 */
export function syntheticPeople(
  count: number,
  prefix: string,
  orgOf: (i: number) => string,
  nameOf: (i: number) => string,
): Array<Person & { dingtalkUserId: string }> {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${messageTag(i)}`,
    name: nameOf(i),
    org: orgOf(i),
    dingtalkUserId: String(3_000_000_000 + i),
    mobile: null,
    email: null,
    status: 'active' as const,
    profiles: ['portal_user' as const],
    timezone: null,
    locale: null,
  }));
}

/**
 * The environment of a bot process the benches start against their own emulator (as real DingTalk: its generated
 * credentials and its URLs), with JSON logs at warn; `extra` adds the database, Redis, spool and QPS settings.
 */
export function botEnvironment(emu: RunningDingTalkEmulator, extra: Record<string, string>): Record<string, string> {
  const credentials = emu.emulator.credentials();
  return {
    PATH: process.env.PATH ?? '',
    HTTP_PORT: '0',
    DINGTALK_CLIENT_ID: credentials.clientId,
    DINGTALK_CLIENT_SECRET: credentials.clientSecret,
    DINGTALK_ROBOT_CODE: credentials.robotCode,
    DINGTALK_CARD_TEMPLATE_ID: 'bench.schema',
    DINGTALK_API_BASE: emu.endpoints.apiBase,
    DINGTALK_OAPI_BASE: emu.endpoints.oapiBase,
    DINGTALK_GATEWAY_URL: emu.endpoints.gatewayUrl,
    // With DingTalk credentials the workbench page's cookie key is required (docs/portal.md); one per run.
    SESSION_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...extra,
  };
}
