/**
 * Retention (`RETENTION_DAYS`): what only grows is purged in small batches, by one process at a time (a named
 * database lock taken only if free; SQLite is single-process), hourly and once shortly after start.
 * - outbox rows done longer ago than the retention (dead ones stay: administrators' dead letters);
 * - notices sent, skipped or dead longer ago (by creation time);
 * - threshold and card rows of tickets closed longer ago (a closed ticket never changes again);
 * - inbox rows handled or given up longer ago; before that, a done row's payload is trimmed to '' one day after it
 *   was handled (`INBOX_PAYLOAD_KEEP_MS`: dedupe needs only the id; the replay CLI says when a payload is gone);
 * - `processes` rows silent for a day;
 * - attachments parked for a picker (a voice message's recording, docs/domain.md §10) that no pick adopted within
 *   the retention: a pick after that files the request without the recording.
 * Tickets, their history and logs are never touched: they are the audit trail.
 */
import type { Log } from '../../domain/ports/log.port';
import { INBOX_PAYLOAD_KEEP_MS } from '../../domain/ports/inbox.port';
import { withNamedLockIfFree, type Database } from './data-source';
import { InboxRecord } from './records/inbox.record';
import { marks, SqlRows } from './sql-rows';

export interface RetentionOptions {
  retentionDays: number;
  /** Rows per statement. Default 500. */
  batch?: number;
  /** Pause between two batches, so the purge never hogs the database. Default 100 ms. */
  pauseMs?: number;
  /** First run this long after `start()`. Default 60 s. */
  firstRunMs?: number;
  /** Then every… Default 1 hour. */
  everyMs?: number;
  now?: () => Date;
  log: Log;
}

export interface RetentionReport {
  outbox: number;
  notices: number;
  thresholds: number;
  cards: number;
  inboxTrimmed: number;
  inboxDeleted: number;
  processes: number;
  parkedAttachments: number;
}

const DAY_MS = 86_400_000;
/** A `processes` row silent this long is deleted (its leases ran out long ago). */
const PROCESS_ROW_KEEP_MS = DAY_MS;

export class DatabaseRetention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private readonly batch: number;
  private readonly pauseMs: number;
  private readonly now: () => Date;
  /** For converting instants as the driver stores a `datetime(3)` column, and for writes that count rows. */
  private readonly inbox: SqlRows<InboxRecord>;

  constructor(
    private readonly db: Database,
    private readonly options: RetentionOptions,
  ) {
    this.batch = Math.max(1, Math.floor(options.batch ?? 500));
    this.pauseMs = options.pauseMs ?? 100;
    this.now = options.now ?? (() => new Date());
    this.inbox = new SqlRows(db.ds, InboxRecord);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstRunMs ?? 60_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One purge; null when another process holds the retention lock (it is purging). */
  async runOnce(): Promise<RetentionReport | null> {
    const { ds, dialect } = this.db;
    const got = await withNamedLockIfFree(ds, dialect, 'retention', () => this.purge());
    return got.ran ? got.value : null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .then((report) => {
          if (report) this.options.log.info('app.retention.purged', { ...report });
        })
        .catch((e: unknown) => this.options.log.error('app.retention.failed', { error: (e as Error).message }))
        .finally(() => {
          this.running = null;
          this.schedule(this.options.everyMs ?? 3600_000);
        });
    }, ms);
    this.timer.unref?.();
  }

  private async purge(): Promise<RetentionReport> {
    const now = this.now().getTime();
    const cutoff = new Date(now - this.options.retentionDays * DAY_MS);
    const at = (d: Date) => this.instant(d);
    const t = (name: string) => this.db.ds.driver.escape(name);
    return {
      outbox: await this.deleteBatches(
        `SELECT ${t('id')} AS k FROM ${t('outbox')} WHERE ${t('status')} = ? AND ${t('processed_at')} < ? ORDER BY ${t('id')} LIMIT ?`,
        ['done', at(cutoff)],
        'outbox',
        'id',
      ),
      notices: await this.deleteBatches(
        `SELECT ${t('id')} AS k FROM ${t('notices')} WHERE ${t('status')} IN (?, ?, ?) AND ${t('created_at')} < ? ORDER BY ${t('id')} LIMIT ?`,
        ['sent', 'skipped', 'dead', at(cutoff)],
        'notices',
        'id',
      ),
      thresholds: await this.deleteBatches(this.closedTicketsWith('ticket_thresholds'), ['closed', at(cutoff)], 'ticket_thresholds', 'ticket_id'),
      cards: await this.deleteBatches(this.closedTicketsWith('ticket_cards'), ['closed', at(cutoff)], 'ticket_cards', 'ticket_id'),
      inboxDeleted: await this.deleteBatches(
        `SELECT ${t('id')} AS k FROM ${t('inbox')} WHERE ${t('status')} IN (?, ?) AND ${t('received_at')} < ? LIMIT ?`,
        ['done', 'dead', at(cutoff)],
        'inbox',
        'id',
      ),
      inboxTrimmed: await this.trimInboxPayloads(new Date(now - INBOX_PAYLOAD_KEEP_MS)),
      processes: await this.deleteBatches(
        `SELECT ${t('owner')} AS k FROM ${t('processes')} WHERE ${t('heartbeat_at')} < ? LIMIT ?`,
        [at(new Date(now - PROCESS_ROW_KEEP_MS))],
        'processes',
        'owner',
      ),
      // Parked rows have ticket id 0 (`TypeormAttachmentStore.park`); the (ticket_id, id) index finds them.
      parkedAttachments: await this.deleteBatches(
        `SELECT ${t('id')} AS k FROM ${t('ticket_attachments')} WHERE ${t('ticket_id')} = ? AND ${t('added_at')} < ? ORDER BY ${t('id')} LIMIT ?`,
        [0, at(cutoff)],
        'ticket_attachments',
        'id',
      ),
    };
  }

  /** Ticket ids (one per row) of tickets closed before the cutoff that still have rows in `table`. */
  private closedTicketsWith(table: string): string {
    const t = (name: string) => this.db.ds.driver.escape(name);
    return (
      `SELECT DISTINCT c.${t('ticket_id')} AS k FROM ${t(table)} c JOIN ${t('tickets')} k ON k.${t('id')} = c.${t('ticket_id')} ` +
      `WHERE k.${t('status')} = ? AND k.${t('closed_at')} < ? LIMIT ?`
    );
  }

  /**
   * Read up to `batch` keys with `select` (its last parameter is the limit), delete the rows of `table` whose
   * `key` is among them, pause, again until a batch comes back short; returns the rows deleted.
   */
  private async deleteBatches(select: string, params: unknown[], table: string, key: string): Promise<number> {
    const t = (name: string) => this.db.ds.driver.escape(name);
    let deleted = 0;
    for (;;) {
      const keys = await this.keys(select, params);
      if (keys.length === 0) return deleted;
      deleted += await this.write(`DELETE FROM ${t(table)} WHERE ${t(key)} IN (${marks(keys.length)})`, keys);
      if (keys.length < this.batch) return deleted;
      await this.pause();
    }
  }

  /** Done inbox rows handled before `before` lose their payload (''); returns how many were trimmed. */
  private async trimInboxPayloads(before: Date): Promise<number> {
    const t = (name: string) => this.db.ds.driver.escape(name);
    const select =
      `SELECT ${t('id')} AS k FROM ${t('inbox')} WHERE ${t('status')} = ? AND ${t('received_at')} < ? AND ${t('done_at')} < ? ` +
      `AND ${t('payload')} <> ? LIMIT ?`;
    let trimmed = 0;
    for (;;) {
      const keys = await this.keys(select, ['done', this.instant(before), this.instant(before), '']);
      if (keys.length === 0) return trimmed;
      trimmed += await this.write(`UPDATE ${t('inbox')} SET ${t('payload')} = ? WHERE ${t('id')} IN (${marks(keys.length)})`, ['', ...keys]);
      if (keys.length < this.batch) return trimmed;
      await this.pause();
    }
  }

  private async keys(select: string, params: unknown[]): Promise<unknown[]> {
    const rows = (await this.db.gate.run((m) => m.query(select, [...params, this.batch]))) as Array<{ k: unknown }>;
    return rows.map((r) => r.k);
  }

  /** One write statement; the rows it changed. */
  private async write(sql: string, params: unknown[]): Promise<number> {
    return (await this.db.gate.run((m) => this.inbox.execute(m, sql, params))).affected;
  }

  /** A date as the driver stores a `datetime(3)` column (UTC). */
  private instant(d: Date): unknown {
    return this.inbox.param('receivedAt', d);
  }

  private pause(): Promise<void> {
    return this.pauseMs > 0 ? new Promise((r) => setTimeout(r, this.pauseMs)) : Promise.resolve();
  }
}
