/**
 * InboxStore on TypeORM: the primary key on the DingTalk message id makes a second delivery a no-op. A row is held
 * by the process that stored or took it (`claimed_by`, its owner tag) until `lease_until`, or until that owner's
 * heartbeat stops (`liveness`), whichever comes first.
 */
import { LessThan } from 'typeorm';
import type { Gate } from './gate';
import { INBOX_LEASE_MS, INBOX_MAX_ATTEMPTS, type InboxEntry, type InboxKind, type InboxStatus, type InboxStore } from '../../domain/ports/inbox.port';
import { InboxRecord } from './records/inbox.record';
import { isDuplicateKey } from './duplicate-key';
import { heldBy, type OwnerLiveness } from './process-registry';
import { marks, SqlRows } from './sql-rows';
import { WriteCoalescer } from './write-coalescer';

/** Nobody waits for an entry's done mark: the marks of this long are written together. */
const DONE_WINDOW_MS = 10;

export class TypeormInboxStore implements InboxStore {
  /** Every message is stored and marked done here: prepared statements, not the query builder. */
  private readonly rows: SqlRows<InboxRecord>;

  constructor(
    private readonly gate: Gate,
    /**
     * `owner`: this process's owner tag, written on the rows it stores or takes; `liveness`: which owners are dead
     * (their rows are taken before the lease ends). Unset: the lease expiry alone.
     */
    private readonly leases: { owner?: string; liveness?: OwnerLiveness } = {},
  ) {
    this.rows = new SqlRows(gate.ds, InboxRecord);
  }

  /** `status = pending AND (lease over OR held by a dead owner)`, with its parameters. */
  private async takeable(now: Date): Promise<{ sql: string; params: unknown[] }> {
    const r = this.rows;
    const dead = heldBy(r.column('claimedBy'), (await this.leases.liveness?.deadOwners()) ?? []);
    const lease = `${r.column('leaseUntil')} <= ?`;
    return {
      sql: `${r.column('status')} = ? AND ${dead.params.length > 0 ? `(${lease} OR ${dead.sql})` : lease}`,
      params: ['pending', r.param('leaseUntil', now), ...dead.params],
    };
  }

  async put(entry: { id: string; kind: InboxKind; payload: string; receivedAt: Date }): Promise<boolean> {
    try {
      await this.gate.run((m) =>
        this.rows.insert(m, {
          ...entry,
          status: 'pending',
          attempts: 0,
          lastError: null,
          doneAt: null,
          outcome: null,
          leaseUntil: new Date(entry.receivedAt.getTime() + INBOX_LEASE_MS),
          claimedBy: this.leases.owner ?? null,
        }),
      );
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  /**
   * Entries finished at about the same moment are marked in one statement per outcome (`WriteCoalescer`); their
   * `done_at` is the batch's latest time (it only decides when the row is purged).
   */
  private readonly doneWrites = new WriteCoalescer<{ id: string; at: Date; outcome: string | null }>(async (items) => {
    const r = this.rows;
    const byOutcome = new Map<string | null, typeof items>();
    for (const i of items) byOutcome.set(i.outcome, [...(byOutcome.get(i.outcome) ?? []), i]);
    for (const [outcome, group] of byOutcome) {
      const at = new Date(Math.max(...group.map((g) => g.at.getTime())));
      await this.gate.run((m) =>
        r.updateWhere(m, { status: 'done', doneAt: at, outcome }, `${r.column('id')} IN (${marks(group.length)})`, group.map((g) => g.id)),
      );
    }
  }, DONE_WINDOW_MS);

  markDone(id: string, at: Date, outcome?: string): Promise<void> {
    return this.doneWrites.add({ id, at, outcome: outcome ?? null });
  }

  async markFailed(id: string, at: Date, error: string): Promise<void> {
    await this.gate.run(async (m) => {
      const row = await m.findOne(InboxRecord, { where: { id } });
      if (!row || row.status !== 'pending') return;
      const attempts = Number(row.attempts) + 1;
      const backoff = Math.min(300_000, 5000 * 2 ** (attempts - 1));
      await m.update(
        InboxRecord,
        { id },
        {
          attempts,
          lastError: error.slice(0, 4000),
          status: attempts >= INBOX_MAX_ATTEMPTS ? 'dead' : 'pending',
          leaseUntil: new Date(at.getTime() + backoff),
          // Released: the retry waits for its time whoever is alive.
          claimedBy: null,
        },
      );
    });
  }

  async pending(now: Date, limit: number): Promise<InboxEntry[]> {
    const r = this.rows;
    const where = await this.takeable(now);
    const rows = await this.gate.run((m) => r.select(m, where.sql, where.params, `ORDER BY ${r.column('receivedAt')} ASC LIMIT ${Math.floor(limit)}`));
    return rows.map(toEntry);
  }

  async entry(id: string): Promise<(InboxEntry & { status: InboxStatus }) | null> {
    const row = await this.gate.run((m) => m.getRepository(InboxRecord).findOneBy({ id }));
    return row ? { ...toEntry(row), status: row.status as InboxStatus } : null;
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<boolean> {
    const r = this.rows;
    const where = await this.takeable(now);
    const set = { leaseUntil: new Date(now.getTime() + leaseMs), claimedBy: this.leases.owner ?? null };
    return (await this.gate.run((m) => r.updateWhere(m, set, `${r.column('id')} = ? AND ${where.sql}`, [id, ...where.params]))) === 1;
  }

  async purge(before: Date): Promise<number> {
    const res = await this.gate.run((m) => m.getRepository(InboxRecord).delete({ status: 'done', doneAt: LessThan(before) }));
    return res.affected ?? 0;
  }
}

function toEntry(r: InboxRecord): InboxEntry {
  return { id: r.id, kind: r.kind as InboxKind, payload: r.payload, receivedAt: new Date(r.receivedAt), attempts: Number(r.attempts) };
}
