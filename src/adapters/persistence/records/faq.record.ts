/** `faq_entries`: the FAQ (docs/domain.md §8); the auto-increment id is the `F-` number. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText, text } from './columns';

@Entity({ name: 'faq_entries' })
@Index('uq_faq_entries_code', ['code'], { unique: true })
@Index('idx_faq_entries_service_status', ['service', 'status'])
export class FaqRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  /** The FAQ file's stable key; NULL for entries made in chat. */
  @Column(code(64, true)) code!: string | null;
  @Column(text(500)) question!: string;
  @Column(longText()) answer!: string;
  @Column(code(64)) service!: string;
  @Column(code(64, true)) subcategory!: string | null;
  /** JSON array of strings. */
  @Column(longText()) keywords!: string;
  @Column(code(16)) status!: string;
  @Column(code(64)) author!: string;
  @Column(code(32, true)) source!: string | null;
  @Column(int()) shown!: number;
  @Column(int()) solved!: number;
  @Column({ ...int(), name: 'still_help' }) stillHelp!: number;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
  @Column({ ...instant(), name: 'updated_at' }) updatedAt!: Date;
}
