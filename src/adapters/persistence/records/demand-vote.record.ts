/** The `demand_votes` table (docs/demands.md "Votes"): one row per person and demand, the request they voted from. */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { code, instant, keyCode } from './columns';

@Entity({ name: 'demand_votes' })
export class DemandVoteRecord {
  @PrimaryColumn({ type: 'int', name: 'demand_id' }) demandId!: number;
  @PrimaryColumn({ ...keyCode(191), name: 'person_id' }) personId!: string;
  @Column({ ...code(32), name: 'ticket_ref' }) ticketRef!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
}
