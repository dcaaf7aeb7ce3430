/** The columns every per-ticket entry table starts with (`ticket_history`, `ticket_logs`): id, ticket, instant. */
import { Column, PrimaryGeneratedColumn } from 'typeorm';
import { instant, int } from './columns';

export abstract class TicketEntryRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(instant()) at!: Date;
}
