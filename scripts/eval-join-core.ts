/**
 * The pure part of `npm run eval:join` (scripts/eval-join.ts): the labelled pair file's shape, the sweep of
 * thresholds over scored pairs, and the choice of the auto-join threshold.
 *
 * The rule: the highest precision among the thresholds whose recall is at least RECALL_FLOOR; on a tie, the higher
 * recall (the lower threshold). Precision comes first because a wrong auto-join hides a real problem (the caller
 * is told "linked to I-…" and nobody looks at the request until someone presses "not the same problem"), while a
 * missed join only costs today's "Same as I-…? [join] [new]" offer. The floor keeps the join worth having: below
 * it most of a storm still costs an offer card per message.
 */
import { z } from 'zod';

/** At least this share of the `same` pairs must be joined (fixed before the scores were seen). */
export const RECALL_FLOOR = 0.6;

/** The thresholds swept: 0.30 (the intake offer's) to 1.00 in steps of 0.05, as the decimals an operator would set. */
export const THRESHOLDS: readonly number[] = Array.from({ length: 15 }, (_, i) => Number((0.3 + i * 0.05).toFixed(2)));

export interface LabelledPair {
  title: string;
  complaint: string;
  same: boolean;
}

const pairFile = z.object({
  incidents: z
    .array(
      z.object({
        title: z.string().min(1),
        same: z.array(z.string().min(1)).default([]),
        different: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
});

/** The pairs of a parsed pair file (test/fixtures/join-pairs.yaml): every title × each complaint under it. */
export function pairsOf(data: unknown): LabelledPair[] {
  const parsed = pairFile.safeParse(data);
  if (!parsed.success) throw new Error(`pair file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.incidents.flatMap((incident) => [
    ...incident.same.map((complaint) => ({ title: incident.title, complaint, same: true })),
    ...incident.different.map((complaint) => ({ title: incident.title, complaint, same: false })),
  ]);
}

export interface ScoredPair {
  score: number;
  same: boolean;
}

export interface SweepRow {
  threshold: number;
  /** Pairs at or above the threshold (they would be joined). */
  joined: number;
  /** Of those, the `same` ones. */
  right: number;
  /** right / joined; 0 when nothing is joined (never chosen: its recall is 0). */
  precision: number;
  /** right / all `same` pairs. */
  recall: number;
}

/** Precision and recall at each threshold: a pair is joined when its score ≥ the threshold (as `decideAutoJoin`). */
export function sweep(scored: readonly ScoredPair[], thresholds: readonly number[] = THRESHOLDS): SweepRow[] {
  const positives = scored.filter((p) => p.same).length;
  return thresholds.map((threshold) => {
    const joined = scored.filter((p) => p.score >= threshold);
    const right = joined.filter((p) => p.same).length;
    return {
      threshold,
      joined: joined.length,
      right,
      precision: joined.length ? right / joined.length : 0,
      recall: positives ? right / positives : 0,
    };
  });
}

/** The chosen row (see the file comment), or null when no threshold reaches the recall floor. */
export function pickThreshold(rows: readonly SweepRow[], recallFloor = RECALL_FLOOR): SweepRow | null {
  let best: SweepRow | null = null;
  for (const row of rows) {
    if (row.recall < recallFloor) continue;
    if (!best || row.precision > best.precision || (row.precision === best.precision && row.recall > best.recall)) best = row;
  }
  return best;
}

/** The summary line (docs/interfaces.md "Commands"). */
export function summaryLine(pairs: number, row: SweepRow): string {
  return `eval:join: ${pairs} pairs; threshold ${row.threshold.toFixed(2)}; precision ${row.precision.toFixed(2)}; recall ${row.recall.toFixed(2)}`;
}
