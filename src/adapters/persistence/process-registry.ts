/**
 * Owner-tagged leases with heartbeats: each bot process has a row in `processes` (its owner tag, host, pid, start)
 * and beats every `HEARTBEAT_MS`. A process whose heartbeat is older than `DEAD_AFTER_MS` is dead: the rows it
 * holds (inbox frames, outbox events, notices, reconciler claims, each tagged with its owner in `claimed_by`) are
 * taken by the living at once rather than when their lease runs out (the lease expiry stays the fallback, e.g. for
 * rows of a process that never registered). A process that stops cleanly sets its heartbeat back past the limit,
 * so its leftovers are taken at once too.
 */
import os from 'node:os';
import type { Log } from '../../domain/ports/log.port';
import type { Gate } from './gate';
import { ProcessRecord } from './records/process.record';
import { SqlRows } from './sql-rows';

export const HEARTBEAT_MS = 2_000;
export const DEAD_AFTER_MS = 10_000;
/**
 * Owners dead for longer than this are no longer looked for: every lease they held (60 s at most, the inbox's) has
 * run out by then. Keeps the list short after many restarts.
 */
const DEAD_LOOKBACK_MS = 5 * 60_000;

/** Which owners are dead (their rows may be taken before the lease runs out). */
export interface OwnerLiveness {
  deadOwners(): Promise<string[]>;
}

/**
 * `claimed_by` conditions matching rows held by `owners`: the owner itself (inbox rows, own outbox events) or a
 * claim tag of it (`<owner>#<claim>`). Owner tags are `<pid>-<hex>`: nothing to escape for LIKE.
 */
export function heldBy(column: string, owners: readonly string[]): { sql: string; params: string[] } {
  if (owners.length === 0) return { sql: '1 = 0', params: [] };
  return {
    sql: `(${owners.map(() => `${column} = ? OR ${column} LIKE ?`).join(' OR ')})`,
    params: owners.flatMap((o) => [o, `${o}#%`]),
  };
}

export interface ProcessRegistryOptions {
  owner: string;
  host?: string;
  pid?: number;
  beatMs?: number;
  deadAfterMs?: number;
  /** How long a `deadOwners` answer is reused (the pollers ask several times a second). Default 1 s. */
  cacheMs?: number;
  now?: () => Date;
  log?: Log;
}

export class ProcessRegistry implements OwnerLiveness {
  readonly owner: string;
  private readonly rows: SqlRows<ProcessRecord>;
  private readonly beatMs: number;
  private readonly deadAfterMs: number;
  private readonly cacheMs: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private cached: { at: number; owners: Promise<string[]> } | null = null;
  /** Live processes at the last heartbeat (this one included). */
  private live = 1;

  constructor(
    private readonly gate: Gate,
    private readonly options: ProcessRegistryOptions,
  ) {
    this.owner = options.owner;
    this.rows = new SqlRows(gate.ds, ProcessRecord);
    this.beatMs = options.beatMs ?? HEARTBEAT_MS;
    this.deadAfterMs = options.deadAfterMs ?? DEAD_AFTER_MS;
    this.cacheMs = options.cacheMs ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  /** Write this process's row (before it holds anything) and beat every `beatMs` until `stop()`. */
  async start(): Promise<void> {
    await this.register();
    this.schedule();
  }

  /** This process's row, with a heartbeat now (no timer: `start` adds it). */
  async register(): Promise<void> {
    const now = this.now();
    const row = { owner: this.owner, host: (this.options.host ?? os.hostname()).slice(0, 191), pid: this.options.pid ?? process.pid, startedAt: now, heartbeatAt: now };
    await this.gate.run((m) => this.rows.insertMany(m, [row], { ignoreDuplicates: true }));
    await this.beat();
  }

  /** One heartbeat, then the count of live processes read again (exposed for tests). */
  async beat(): Promise<void> {
    const r = this.rows;
    const now = this.now();
    await this.gate.run((m) => r.updateWhere(m, { heartbeatAt: now }, `${r.column('owner')} = ?`, [this.owner]));
    const since = r.param('heartbeatAt', new Date(now.getTime() - this.deadAfterMs));
    this.live = Math.max(1, await this.gate.run((m) => r.count(m, `${r.column('heartbeatAt')} >= ?`, [since])));
  }

  /**
   * Bot processes alive at the last heartbeat (their heartbeat within `DEAD_AFTER_MS`), this one included; at least
   * 1. Without Redis, each process paces DingTalk's calls at its share (`ProcessShareRateLimiter`).
   */
  liveCount(): number {
    return this.live;
  }

  /** Stop beating and read as dead at once, so the living take what this process still holds. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.beating;
    const r = this.rows;
    const past = new Date(this.now().getTime() - this.deadAfterMs - 1);
    await this.gate.run((m) => r.updateWhere(m, { heartbeatAt: past }, `${r.column('owner')} = ?`, [this.owner]));
  }

  /** Owners (never this one) whose heartbeat stopped within the last few minutes. */
  deadOwners(): Promise<string[]> {
    const at = this.now().getTime();
    if (this.cached && at - this.cached.at < this.cacheMs) return this.cached.owners;
    const r = this.rows;
    const owners = this.gate
      .run((m) =>
        r.selectSome(m, ['owner'], `${r.column('heartbeatAt')} < ? AND ${r.column('heartbeatAt')} >= ? AND ${r.column('owner')} <> ?`, [
          r.param('heartbeatAt', new Date(at - this.deadAfterMs)),
          r.param('heartbeatAt', new Date(at - DEAD_LOOKBACK_MS)),
          this.owner,
        ]),
      )
      .then((rows) => rows.map((p) => p.owner));
    this.cached = { at, owners };
    owners.catch(() => {
      if (this.cached?.owners === owners) this.cached = null;
    });
    return owners;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.beating = this.beat()
        .then(
          () => undefined,
          (e: unknown) => {
            this.options.log?.warn('app.heartbeat.failed', { owner: this.owner, error: (e as Error).message });
          },
        )
        .finally(() => {
          this.beating = null;
          if (this.timer) this.schedule();
        });
    }, this.beatMs);
    this.timer.unref?.();
  }
}

/**
 * How a store tags and takes over leased rows: `owner` is this process's owner tag, written on the rows it stores,
 * claims or takes; `liveness` tells which owners are dead (their rows are taken before the lease ends). Unset: the
 * lease expiry alone (and anonymous claims).
 */
export interface OwnerLeases {
  owner?: string;
  liveness?: OwnerLiveness;
}
