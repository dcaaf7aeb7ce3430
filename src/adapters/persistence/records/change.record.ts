/**
 * The `changes` table (docs/changes.md §2): one row per change (`C-`), its steps as a JSON document; and
 * `change_thresholds`: one row per (change, step, round, level) of a step's clock, armed → fired once.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, keyCode, longText, small, text } from './columns';

@Entity({ name: 'changes' })
@Index('idx_changes_status', ['status'])
@Index('idx_changes_requester', ['requester'])
export class ChangeRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column(code()) template!: string;
  @Column(text(255)) title!: string;
  @Column(longText()) description!: string;
  @Column(code()) requester!: string;
  /** JSON arrays of ticket ids. */
  @Column(longText()) problems!: string;
  @Column(longText()) incidents!: string;
  @Column({ ...instant(true), name: 'planned_start' }) plannedStart!: Date | null;
  @Column({ ...instant(true), name: 'planned_end' }) plannedEnd!: Date | null;
  @Column(code(16)) status!: string;
  @Column({ ...small(), name: 'current_step' }) currentStep!: number;
  /** JSON: the steps with their state, actor, time, note, start. */
  @Column(longText()) steps!: string;
  @Column({ ...longText(true), name: 'return_reason' }) returnReason!: string | null;
  @Column({ ...longText(true), name: 'rollback_note' }) rollbackNote!: string | null;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instant(), name: 'last_update' }) lastUpdate!: Date;
  @Column(int()) version!: number;
}

@Entity({ name: 'change_thresholds' })
@Index('idx_change_thresholds_due', ['status', 'dueAt'])
export class ChangeThresholdRecord {
  @PrimaryColumn({ type: 'int', name: 'change_id' }) changeId!: number;
  @PrimaryColumn({ type: 'smallint' }) step!: number;
  /** The step's round: bumped each time the step becomes current again (a resubmission). */
  @PrimaryColumn({ type: 'int' }) round!: number;
  @PrimaryColumn(keyCode(16)) level!: string;
  @Column({ ...instant(), name: 'due_at' }) dueAt!: Date;
  /** armed | fired | cancelled */
  @Column(code(16)) status!: string;
  @Column({ ...instant(true), name: 'fired_at' }) firedAt!: Date | null;
}
