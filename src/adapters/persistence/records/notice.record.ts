/**
 * The `notices` table: who is told what about one event (docs/domain.md §4). One row per (event, person): sent once,
 * skipped with a reason, retried with backoff, or dead after too many attempts (listed and replayed by admins).
 */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText, text } from './columns';

@Entity({ name: 'notices' })
@Index('uq_notices_event_person', ['eventKey', 'personId'], { unique: true })
@Index('idx_notices_due', ['status', 'nextAttemptAt'])
@Index('idx_notices_ticket', ['ticketId'])
export class NoticeRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  /** `outbox:<id>` or `threshold:<ticket>-<level>-<version>[-assignee]`: one event, told once. */
  @Column({ ...code(96), name: 'event_key' }) eventKey!: string;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(code(16)) ref!: string;
  /** Trigger-table event code (`created`, `ttr2`, …). */
  @Column({ ...code(32), name: 'event_code' }) eventCode!: string;
  @Column({ ...code(64), name: 'person_id' }) personId!: string;
  @Column({ ...code(64, true), name: 'user_id' }) userId!: string | null;
  @Column(code(16, true)) locale!: string | null;
  /** The recipient term that selected this person (`assignee_team.lead`). */
  @Column(code(64)) via!: string;
  /** pending | sent | skipped | dead */
  @Column(code(16)) status!: string;
  @Column(code(32, true)) reason!: string | null;
  @Column(int()) attempts!: number;
  /** While pending: when it is due, or when the claim of the process sending it runs out. */
  @Column({ ...instant(), name: 'next_attempt_at' }) nextAttemptAt!: Date;
  /** The claim that last took it (owner tag), so one UPDATE claims a batch. */
  @Column({ ...code(96, true), name: 'claimed_by' }) claimedBy!: string | null;
  @Column({ ...longText(true), name: 'last_error' }) lastError!: string | null;
  @Column(text(255)) title!: string;
  @Column(longText()) body!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instant(true), name: 'sent_at' }) sentAt!: Date | null;
}
