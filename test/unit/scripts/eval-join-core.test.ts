/** The pure part of npm run eval:join (scripts/eval-join-core.ts) on tiny synthetic sets, and the real pair file's shape. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { pairsOf, pickThreshold, summaryLine, sweep, THRESHOLDS } from '../../../scripts/eval-join-core';

const scored = (same: number[], different: number[]) => [
  ...same.map((score) => ({ score, same: true })),
  ...different.map((score) => ({ score, same: false })),
];

describe('eval:join core', () => {
  it('sweeps 0.30 … 1.00 by 0.05', () => {
    expect(THRESHOLDS[0]).toBe(0.3);
    expect(THRESHOLDS).toContain(0.7);
    expect(THRESHOLDS.at(-1)).toBe(1);
    expect(THRESHOLDS).toHaveLength(15);
  });

  it('counts a pair as joined at a score equal to the threshold', () => {
    expect(sweep(scored([0.5, 0.4], [0.5]), [0.5])).toEqual([{ threshold: 0.5, joined: 2, right: 1, precision: 0.5, recall: 0.5 }]);
    expect(sweep(scored([0.2], []), [0.5])[0]).toMatchObject({ joined: 0, precision: 0, recall: 0 });
  });

  it('picks the most precise threshold whose recall reaches the floor, the higher recall on a tie', () => {
    // same: 0.9 0.8 0.7 0.4; different: 0.75 0.5
    const rows = sweep(scored([0.9, 0.8, 0.7, 0.4], [0.75, 0.5]), [0.4, 0.6, 0.7, 0.8, 0.85]);
    // 0.4: 4/6 r1; 0.6: 3/4 r.75; 0.7: 3/4 r.75; 0.8: 2/2 r.5; 0.85: 1/1 r.25
    expect(pickThreshold(rows, 0.5)?.threshold).toBe(0.8);
    expect(pickThreshold(rows, 0.6)?.threshold).toBe(0.6);
    expect(pickThreshold(rows, 1)?.threshold).toBe(0.4);
    expect(pickThreshold(sweep(scored([0.1], [0.9]), [0.5]), 0.6)).toBeNull();
  });

  it('prints the summary line', () => {
    expect(summaryLine(153, { threshold: 0.7, joined: 60, right: 57, precision: 0.95, recall: 0.6404 })).toBe(
      'eval:join: 153 pairs; threshold 0.70; precision 0.95; recall 0.64',
    );
  });

  it('expands a pair file into labelled pairs and refuses a bad one', () => {
    expect(pairsOf({ incidents: [{ title: '下单失败', same: ['下不了单'], different: ['退单失败'] }] })).toEqual([
      { title: '下单失败', complaint: '下不了单', same: true },
      { title: '下单失败', complaint: '退单失败', same: false },
    ]);
    expect(() => pairsOf({ incidents: [{ same: ['x'] }] })).toThrow(/incidents\.0\.title/);
  });

  it('the labelled file parses and holds both labels', () => {
    const pairs = pairsOf(parse(readFileSync(path.join(__dirname, '../../fixtures/join-pairs.yaml'), 'utf8')));
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(pairs.some((p) => p.same)).toBe(true);
    expect(pairs.some((p) => !p.same)).toBe(true);
  });
});
