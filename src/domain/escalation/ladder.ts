/**
 * The escalation ladder (docs/domain.md §3.3) as data: levels as percentages of a stopwatch's goal, the state effect
 * and the trigger-table event of each. Parsed and validated from `config/escalation.yaml`.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../shared/result';

export type LadderEffect = 'escalated_tto' | 'escalated_ttr' | 'none';

export interface LadderLevel {
  code: string;
  metric: 'tto' | 'ttr';
  percent: number;
  effect: LadderEffect;
  event: string;
}

export interface Ladder {
  levels: LadderLevel[];
}

const levelSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,15}$/, 'letters, digits and _ only, at most 16 characters'),
    metric: z.enum(['tto', 'ttr']),
    percent: z.number().positive().max(10_000),
    effect: z.enum(['escalated_tto', 'escalated_ttr', 'none']),
    event: z.string().min(1),
  })
  .strict();

const ladderSchema = z.object({ levels: z.array(levelSchema).min(1) }).strict();

export function parseLadder(raw: unknown): Result<Ladder, string[]> {
  const parsed = ladderSchema.safeParse(raw);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`));
  }
  const errors: string[] = [];
  const seen = new Set<string>();
  parsed.data.levels.forEach((l, i) => {
    if (seen.has(l.code)) errors.push(`levels.${i}.code: duplicate level "${l.code}"`);
    seen.add(l.code);
    if (l.effect === 'escalated_tto' && l.metric !== 'tto') errors.push(`levels.${i}.effect: escalated_tto belongs to a tto level`);
    if (l.effect === 'escalated_ttr' && l.metric !== 'ttr') errors.push(`levels.${i}.effect: escalated_ttr belongs to a ttr level`);
  });
  return errors.length ? err(errors) : ok(parsed.data);
}

export const DEFAULT_LADDER: Ladder = {
  levels: [
    { code: 'tto', metric: 'tto', percent: 100, effect: 'escalated_tto', event: 'tto' },
    { code: 'ttr1', metric: 'ttr', percent: 75, effect: 'escalated_ttr', event: 'ttr1' },
    { code: 'ttr2', metric: 'ttr', percent: 100, effect: 'none', event: 'ttr2' },
    { code: 'ttr3', metric: 'ttr', percent: 200, effect: 'none', event: 'ttr3' },
  ],
};
