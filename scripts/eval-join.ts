/**
 * npm run eval:join [-- FILE]
 * Scores every labelled pair of FILE (default test/fixtures/join-pairs.yaml: an incident title and a caller's
 * complaint, labelled same or different) with the auto-join's own score (`joinScore`, the function
 * `decideAutoJoin` uses) and, for comparison, with the intake offer's `textSimilarity`; sweeps the thresholds,
 * prints the table, the wrong joins and missed joins at the chosen threshold, and ends with the summary line
 * `eval:join: N pairs; threshold X; precision X.XX; recall X.XX`. Deterministic: no clock, no randomness.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DUPLICATE_THRESHOLD } from '../src/domain/similarity/find-similar';
import { joinScore } from '../src/domain/similarity/join-score';
import { textSimilarity } from '../src/domain/similarity/text-similarity';
import { pairsOf, pickThreshold, RECALL_FLOOR, summaryLine, sweep, THRESHOLDS } from './eval-join-core';
import { runCli } from './cli-database';

const DEFAULT_FILE = path.resolve(__dirname, '../../test/fixtures/join-pairs.yaml');

async function main(): Promise<number> {
  const file = process.argv[2] ?? DEFAULT_FILE;
  const pairs = pairsOf(parse(readFileSync(file, 'utf8')));
  const joinScored = pairs.map((p) => ({ ...p, score: joinScore(p.title, p.complaint) }));
  const offerScored = pairs.map((p) => ({ ...p, score: textSimilarity(p.title, p.complaint) }));
  const joinRows = sweep(joinScored);
  const offerRows = sweep(offerScored);
  const same = pairs.filter((p) => p.same).length;
  console.log(`${pairs.length} pairs (${same} same, ${pairs.length - same} different) from ${path.relative(process.cwd(), file)}`);
  console.log('threshold | joinScore: joined right precision recall | offer textSimilarity: joined right precision recall');
  THRESHOLDS.forEach((t, i) => {
    const j = joinRows[i]!;
    const o = offerRows[i]!;
    console.log(
      `${t.toFixed(2)}      | ${String(j.joined).padStart(6)} ${String(j.right).padStart(5)} ${j.precision.toFixed(2).padStart(9)} ${j.recall.toFixed(2).padStart(6)}` +
        ` | ${String(o.joined).padStart(6)} ${String(o.right).padStart(5)} ${o.precision.toFixed(2).padStart(9)} ${o.recall.toFixed(2).padStart(6)}`,
    );
  });
  const chosen = pickThreshold(joinRows);
  if (!chosen) {
    console.error(`eval:join: no threshold reaches recall ${RECALL_FLOOR}`);
    return 1;
  }
  const atOffer = sweep(offerScored, [DUPLICATE_THRESHOLD])[0]!;
  console.log(`offer score at the intake threshold ${DUPLICATE_THRESHOLD.toFixed(2)}: precision ${atOffer.precision.toFixed(2)}; recall ${atOffer.recall.toFixed(2)}`);
  console.log(`chosen: the highest precision with recall ≥ ${RECALL_FLOOR} (ties: the higher recall)`);
  for (const p of joinScored.filter((x) => !x.same && x.score >= chosen.threshold)) console.log(`wrong join  ${p.score.toFixed(2)}  ${p.title} ← ${p.complaint}`);
  for (const p of joinScored.filter((x) => x.same && x.score < chosen.threshold)) console.log(`missed      ${p.score.toFixed(2)}  ${p.title} ← ${p.complaint}`);
  console.log(summaryLine(pairs.length, chosen));
  return 0;
}

runCli('eval:join', main);
