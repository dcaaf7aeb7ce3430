/** The `demands` table (docs/demands.md): the demand pool's entries; its auto-increment id is the `D-` counter. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText, text } from './columns';

@Entity({ name: 'demands' })
@Index('idx_demands_state', ['state'])
@Index('idx_demands_team_created', ['team', 'createdAt'])
export class DemandRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column(text(255)) title!: string;
  @Column(longText()) description!: string;
  @Column(code()) caller!: string;
  @Column(code()) service!: string;
  @Column(code()) team!: string;
  /** JSON array of request refs. */
  @Column({ ...longText(), name: 'source_refs' }) sourceRefs!: string;
  @Column(int()) votes!: number;
  @Column(code(16)) state!: string;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instant(), name: 'updated_at' }) updatedAt!: Date;
}
