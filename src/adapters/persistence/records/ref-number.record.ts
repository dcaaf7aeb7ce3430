/**
 * `ref_numbers`: the one reference sequence of `R-`, `I-`, `P-` and `C-` (docs/domain.md §3, docs/changes.md §2).
 * A ticket or change takes its number by inserting a row here (its auto-increment id) and is stored with that id,
 * so a number is used by one ticket or one change only. Rows are kept (one small row per number): MySQL before 8
 * recomputes an auto-increment from the rows at restart, so an emptied table could hand a number out again.
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { code } from './columns';

@Entity({ name: 'ref_numbers' })
export class RefNumberRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  /** `R`, `I`, `P`, `C`; `-` for the row that continues the numbers used before the sequence was shared. */
  @Column(code(1)) kind!: string;
}
