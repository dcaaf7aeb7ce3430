/**
 * `ticket_cards`: the spaces each ticket's card instance was delivered to (one row per instance and space: the
 * instance `R-000012` in many spaces; cards delivered before one instance per ticket keep their per-person ids);
 * `intake_drafts`: texts waiting for a picker click.
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { code, instant, int, keyCode, longText } from './columns';

@Entity({ name: 'ticket_cards' })
@Index('idx_ticket_cards_ticket', ['ticketId'])
export class TicketCardRecord {
  @PrimaryColumn({ ...keyCode(100), name: 'out_track_id' }) outTrackId!: string;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  /** dm | group */
  @PrimaryColumn({ ...keyCode(16), name: 'space_kind' }) spaceKind!: string;
  /** DingTalk user id (dm) or openConversationId (group). */
  @PrimaryColumn({ ...keyCode(191), name: 'space_id' }) spaceId!: string;
  @Column(code(32)) role!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'intake_drafts' })
export class IntakeDraftRecord {
  @PrimaryColumn(keyCode(100)) id!: string;
  @Column({ ...code(64), name: 'person_id' }) personId!: string;
  @Column({ ...code(64), name: 'user_id' }) userId!: string;
  @Column({ ...code(191), name: 'conversation_id' }) conversationId!: string;
  @Column({ ...code(16), name: 'conversation_type' }) conversationType!: string;
  @Column(longText()) text!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...int(true), name: 'ticket_id' }) ticketId!: number | null;
}
