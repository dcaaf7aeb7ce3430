/**
 * The duplicate bookkeeping of a ticket, kept as rows of its history (no extra columns): the system suggested a
 * likely duplicate to the caller (`duplicate_suggested`), the caller dismissed it (`duplicate_dismissed`), or the
 * caller said "same as R-…" and the pair was recorded as similar (`similar_marked`, on both requests); and the
 * "+1 to D-…" offer of an open demand (`demand_offered`, docs/demands.md "Votes"), which the caller's "not the
 * same" (`duplicate_dismissed`, button `intake.new`) withdraws too. Pure: reads the rows in order.
 */
import type { HistoryRow } from '../ports/ticket-store.port';
import { faqSeenIn } from '../tickets/faq-history';
import { ATTACHED } from '../attachments/attachment';

export const DUPLICATE_SUGGESTED = 'duplicate_suggested';
export const DUPLICATE_DISMISSED = 'duplicate_dismissed';
export const SIMILAR_MARKED = 'similar_marked';
/** The history field holding the other ticket's ref. */
export const DUPLICATE_FIELD = 'duplicate_of';
export const SIMILAR_FIELD = 'similar_to';
export const DEMAND_OFFERED = 'demand_offered';
/** The history field holding the offered demand's ref. */
export const DEMAND_FIELD = 'demand';

export interface DuplicateRecords {
  /** The suggestion still waiting for the caller's answer (a ref), else null. */
  suggested: string | null;
  /** Requests recorded as similar to this one (refs, oldest record first, no repeats). */
  similar: string[];
  /** The FAQ entry (`F-…`) the caller saw before filing (docs/domain.md §8), else null. */
  faqSeen: string | null;
  /** The demand (`D-…`) offered for a vote at filing and not dismissed (docs/demands.md "Votes"), else null. */
  demandOffered: string | null;
  /** Whether an attachment was ever added (`ATTACHED`: every attachment writes that history row in its transaction). */
  attached: boolean;
}


export function readDuplicateRecords(rows: readonly Pick<HistoryRow, 'action' | 'changes'>[]): DuplicateRecords {
  let suggested: string | null = null;
  const similar: string[] = [];
  let demandOffered: string | null = null;
  for (const row of rows) {
    if (row.action === DEMAND_OFFERED) demandOffered = row.changes.find((c) => c.field === DEMAND_FIELD)?.to ?? null;
    if (row.action === DUPLICATE_DISMISSED) demandOffered = null;
    if (row.action === DUPLICATE_SUGGESTED) {
      suggested = row.changes.find((c) => c.field === DUPLICATE_FIELD)?.to ?? null;
    } else if (row.action === DUPLICATE_DISMISSED) {
      suggested = null;
    } else if (row.action === SIMILAR_MARKED) {
      const other = row.changes.find((c) => c.field === SIMILAR_FIELD)?.to;
      if (other && !similar.includes(other)) similar.push(other);
      suggested = null;
    }
  }
  return { suggested, similar, faqSeen: faqSeenIn(rows), demandOffered, attached: rows.some((r) => r.action === ATTACHED) };
}
