/** The `ticket_thresholds` table: one row per (ticket, ladder level, deadline version). */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { code, instant, keyCode, real } from './columns';

@Entity({ name: 'ticket_thresholds' })
@Index('idx_ticket_thresholds_due', ['status', 'dueAt'])
@Index('idx_ticket_thresholds_fired', ['firedAt'])
export class ThresholdRecord {
  @PrimaryColumn({ type: 'int', name: 'ticket_id' }) ticketId!: number;
  @PrimaryColumn(keyCode(16)) level!: string;
  @PrimaryColumn({ type: 'int', name: 'deadline_version' }) deadlineVersion!: number;
  @Column({ ...real(), name: 'threshold_seconds' }) thresholdSeconds!: number;
  @Column({ ...instant(), name: 'due_at' }) dueAt!: Date;
  /** armed | fired | cancelled | stale */
  @Column(code(16)) status!: string;
  @Column({ ...instant(true), name: 'fired_at' }) firedAt!: Date | null;
  @Column({ ...real(true), name: 'lateness_ms' }) latenessMs!: number | null;
  /** none | pending | done */
  @Column({ ...code(16), name: 'assignee_part' }) assigneePart!: string;
  /** The reconciler's claim of an overdue row (owner tag) and until when it holds; one process fires each. */
  @Column({ ...code(96, true), name: 'claimed_by' }) claimedBy!: string | null;
  @Column({ ...instant(true), name: 'claim_until' }) claimUntil!: Date | null;
}
