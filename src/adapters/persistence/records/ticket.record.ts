/** The `tickets` table: requests and incidents; its auto-increment id is the shared R-/I- counter. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText, real, small, text } from './columns';

@Entity({ name: 'tickets' })
@Index('idx_tickets_status', ['status'])
@Index('idx_tickets_team_status', ['team', 'status'])
@Index('idx_tickets_caller', ['caller'])
@Index('idx_tickets_agent_status', ['agent', 'status'])
@Index('idx_tickets_parent', ['parentId'])
@Index('idx_tickets_service_status', ['service', 'status'])
@Index('idx_tickets_service_kind_status', ['service', 'kind', 'status'])
@Index('idx_tickets_service_created', ['service', 'createdAt'])
@Index('idx_tickets_created', ['createdAt'])
@Index('uq_tickets_source_msg', ['sourceMsg'], { unique: true })
@Index('idx_tickets_tto_stopped', ['ttoStoppedAt'])
@Index('idx_tickets_resolved', ['resolvedAt'])
// The daily report's ranges per team (docs/reports.md).
@Index('idx_tickets_team_created', ['team', 'createdAt'])
@Index('idx_tickets_team_resolved', ['team', 'resolvedAt'])
@Index('idx_tickets_team_closed', ['team', 'closedAt'])
@Index('idx_tickets_team_tto_stopped', ['team', 'ttoStoppedAt'])
@Index('idx_tickets_team_ttr_stopped', ['team', 'ttrStoppedAt'])
@Index('idx_tickets_problem', ['problemId'])
export class TicketRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column(code(16)) kind!: string;
  @Column(text(255)) title!: string;
  @Column(longText()) description!: string;
  @Column(code()) caller!: string;
  @Column(code()) org!: string;
  @Column(code()) service!: string;
  @Column({ ...code(), name: 'subcategory' }) subcategory!: string;
  @Column({ ...code(32), name: 'request_type' }) requestType!: string;
  @Column(small()) impact!: number;
  @Column(small()) urgency!: number;
  @Column(small()) priority!: number;
  @Column(code(16)) origin!: string;
  /** The DingTalk message id a request was filed from (like `inbox.id`); unique, NULL for other entry points. */
  @Column({ ...code(191, true), name: 'source_msg' }) sourceMsg!: string | null;
  @Column(code(16)) status!: string;
  @Column(code()) team!: string;
  @Column(code(64, true)) agent!: string | null;
  @Column({ ...int(true), name: 'parent_id' }) parentId!: number | null;
  @Column({ ...longText(true), name: 'pending_reason' }) pendingReason!: string | null;
  @Column(longText(true)) solution!: string | null;
  @Column({ ...code(32, true), name: 'resolution_code' }) resolutionCode!: string | null;
  @Column(small(true)) satisfaction!: number | null;
  @Column({ ...longText(true), name: 'satisfaction_comment' }) satisfactionComment!: string | null;
  @Column(code(191, true)) contract!: string | null;
  @Column(code(191, true)) sla!: string | null;

  @Column({ ...code(16), name: 'tto_state' }) ttoState!: string;
  @Column({ ...real(), name: 'tto_elapsed' }) ttoElapsed!: number;
  @Column({ ...instant(true), name: 'tto_last_start' }) ttoLastStart!: Date | null;
  @Column({ ...real(true), name: 'tto_goal' }) ttoGoal!: number | null;
  @Column({ ...code(191, true), name: 'tto_calendar' }) ttoCalendar!: string | null;
  @Column({ ...instant(true), name: 'tto_deadline' }) ttoDeadline!: Date | null;
  @Column({ ...instant(true), name: 'tto_stopped_at' }) ttoStoppedAt!: Date | null;

  @Column({ ...code(16), name: 'ttr_state' }) ttrState!: string;
  @Column({ ...real(), name: 'ttr_elapsed' }) ttrElapsed!: number;
  @Column({ ...instant(true), name: 'ttr_last_start' }) ttrLastStart!: Date | null;
  @Column({ ...real(true), name: 'ttr_goal' }) ttrGoal!: number | null;
  @Column({ ...code(191, true), name: 'ttr_calendar' }) ttrCalendar!: string | null;
  @Column({ ...instant(true), name: 'ttr_deadline' }) ttrDeadline!: Date | null;
  @Column({ ...instant(true), name: 'ttr_stopped_at' }) ttrStoppedAt!: Date | null;

  @Column({ ...int(), name: 'deadline_version' }) deadlineVersion!: number;
  /** JSON array of person ids. */
  @Column({ ...longText(), name: 'notified_leads' }) notifiedLeads!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instant(true), name: 'assigned_at' }) assignedAt!: Date | null;
  @Column({ ...instant(true), name: 'resolved_at' }) resolvedAt!: Date | null;
  @Column({ ...instant(true), name: 'closed_at' }) closedAt!: Date | null;
  @Column({ ...instant(), name: 'last_update' }) lastUpdate!: Date;
  @Column(int()) version!: number;
  // Problems (docs/domain.md §9)
  /** Requests and incidents: the id of their problem (`P-`), NULL = none. */
  @Column({ ...int(true), name: 'problem_id' }) problemId!: number | null;
  /** Problems: root cause and workaround recorded at resolution. */
  @Column({ ...longText(true), name: 'root_cause' }) rootCause!: string | null;
  @Column(longText(true)) workaround!: string | null;
}
