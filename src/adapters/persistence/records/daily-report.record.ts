/**
 * The `daily_reports` table: one row per (lead, report date), claimed by one process before the report is sent
 * (docs/reports.md "Exactly once"): whoever inserts the row sends; a claim whose process died is taken over after
 * its lease; a sent row is never sent again.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { code, instant, int, keyCode, longText } from './columns';

@Entity({ name: 'daily_reports' })
export class DailyReportRecord {
  @PrimaryColumn({ ...keyCode(64), name: 'person_id' }) personId!: string;
  @PrimaryColumn({ ...keyCode(10), name: 'report_date' }) reportDate!: string;
  /** claimed | sent | failed */
  @Column(code(16)) status!: string;
  @Column({ ...code(96), name: 'claimed_by' }) claimedBy!: string;
  @Column({ ...instant(), name: 'lease_until' }) leaseUntil!: Date;
  @Column(int()) attempts!: number;
  /** card | text */
  @Column(code(16, true)) via!: string | null;
  @Column({ ...code(191, true), name: 'media_id' }) mediaId!: string | null;
  @Column({ ...longText(true), name: 'last_error' }) lastError!: string | null;
  @Column({ ...instant(), name: 'claimed_at' }) claimedAt!: Date;
  @Column({ ...instant(true), name: 'sent_at' }) sentAt!: Date | null;
}
