/** The storm-join marker (the request's latest parent change is the system's link) and its clocks. */
import type { HistoryRow } from '../../../../src/domain/ports/ticket-store.port';
import { isStormJoined } from '../../../../src/domain/tickets/storm-join';

const AT = new Date('2026-12-02T02:00:00Z');
const row = (action: string, actor: string, field = 'parent'): HistoryRow => ({
  ticketId: 7,
  at: AT,
  actor,
  entryPoint: actor === 'system' ? 'system' : 'card',
  action,
  changes: [{ field, from: null, to: 'I-000001' }],
});

describe('isStormJoined', () => {
  it.each<[string, HistoryRow[], boolean]>([
    ['never linked', [row('open', 'bjxiaoshoua', 'status')], false],
    ['linked by the system at filing', [row('open', 'bjxiaoshoua', 'status'), row('link', 'system')], true],
    ['linked by an agent', [row('open', 'bjxiaoshoua', 'status'), row('link', 'zbyw')], false],
    ['joined by its caller (the offer)', [row('open', 'bjxiaoshoua', 'status'), row('link', 'bjxiaoshoua')], false],
    ['storm-joined, then unjoined', [row('link', 'system'), row('unlink', 'bjxiaoshoua')], false],
    ['storm-joined, later rows without a parent change', [row('link', 'system'), row('claim', 'zbyw', 'agent')], true],
    ['unjoined, then linked by an agent', [row('link', 'system'), row('unlink', 'bjxiaoshoua'), row('link', 'zbyw')], false],
  ])('%s → %s', (_name, history, expected) => {
    expect(isStormJoined(history)).toBe(expected);
  });
});
