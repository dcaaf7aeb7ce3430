/**
 * npm run eval:faq [-- FILE]
 * Scores every labelled pair of FILE (default test/fixtures/faq-pairs.yaml: an FAQ entry and a caller's message,
 * labelled match or no match) with the intake's own score (`faqScore`), sweeps the thresholds, prints the table,
 * the wrong answers and the missed ones at the chosen threshold and at the configured default, and ends with the
 * summary line `eval:faq: N pairs; threshold X; precision X.XX; recall X.XX` (at the default `FAQ_THRESHOLD`, the one
 * the bot uses). Deterministic: no clock, no randomness, no database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_FAQ_THRESHOLD } from '../src/domain/similarity/faq-match';
import { faqPairsOf, faqSummaryLine, FAQ_THRESHOLDS, pickFaqThreshold, PRECISION_FLOOR, scoreFaqPairs, sweepFaq } from './eval-faq-core';
import { runCli } from './cli-database';

const DEFAULT_FILE = path.resolve(__dirname, '../../test/fixtures/faq-pairs.yaml');

async function main(): Promise<number> {
  const file = process.argv[2] ?? DEFAULT_FILE;
  const pairs = faqPairsOf(parse(readFileSync(file, 'utf8')));
  const scored = scoreFaqPairs(pairs);
  const rows = sweepFaq(scored);
  const same = pairs.filter((p) => p.same).length;
  console.log(`${pairs.length} pairs (${same} match, ${pairs.length - same} no match) from ${path.relative(process.cwd(), file)}`);
  console.log('threshold | answered right precision recall');
  FAQ_THRESHOLDS.forEach((t, i) => {
    const r = rows[i]!;
    console.log(`${t.toFixed(2)}      | ${String(r.joined).padStart(8)} ${String(r.right).padStart(5)} ${r.precision.toFixed(2).padStart(9)} ${r.recall.toFixed(2).padStart(6)}`);
  });
  const chosen = pickFaqThreshold(rows);
  console.log(`best on this set: the highest recall with precision ≥ ${PRECISION_FLOOR} → ${chosen ? chosen.threshold.toFixed(2) : 'none'}`);
  const atDefault = sweepFaq(scored, [DEFAULT_FAQ_THRESHOLD])[0]!;
  for (const p of scored.filter((x) => !x.same && x.score >= DEFAULT_FAQ_THRESHOLD)) console.log(`wrong answer ${p.score.toFixed(2)}  ${p.question} ← ${p.message}`);
  for (const p of scored.filter((x) => x.same && x.score < DEFAULT_FAQ_THRESHOLD)) console.log(`missed       ${p.score.toFixed(2)}  ${p.question} ← ${p.message}`);
  console.log(faqSummaryLine(pairs.length, atDefault));
  return 0;
}

runCli('eval:faq', main);
