/** The storm-join marker (the request's latest parent change is the system's link) and its clocks. */
import type { HistoryRow } from '../../../../src/domain/ports/ticket-store.port';
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { openRequest } from '../../../../src/domain/tickets/open';
import { isStormJoined, pauseForStormJoin, rearmAfterUnjoin } from '../../../../src/domain/tickets/storm-join';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

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

describe('the clocks of a storm join and its unjoin', () => {
  const dir = demoDirectory();
  const counter = countersFor(dir);
  const ctx = { dir, now: WORKDAY_10AM, entryPoint: 'chat' as const, counter };
  const opened = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '测试' }, ctx);
  if (!opened.ok) throw new Error(opened.error.code);
  const filed: Ticket = { ...opened.value.ticket, id: 7 };
  const later = new Date(WORKDAY_10AM.getTime() + 10 * 60_000);

  it('joining pauses TTO and TTR (time kept) and bumps the deadline version', () => {
    const joined = pauseForStormJoin(filed, later, counter);
    expect([joined.tto.state, joined.ttr.state, joined.tto.deadline, joined.ttr.deadline]).toEqual(['paused', 'paused', null, null]);
    expect(joined.tto.elapsed).toBeGreaterThanOrEqual(0);
    expect(joined.deadlineVersion).toBe(filed.deadlineVersion + 1);
  });

  it.each<[string, Partial<Ticket>, [string, string]]>([
    ['still new: both run again', {}, ['running', 'running']],
    ['claimed meanwhile (TTO stopped): TTR only', { status: 'assigned', agent: 'bjxiaoshouyunying' }, ['stopped', 'running']],
    ['claimed and pended meanwhile: TTR stays paused', { status: 'pending', agent: 'bjxiaoshouyunying' }, ['stopped', 'paused']],
  ])('unjoin, %s', (_name, over, [tto, ttr]) => {
    const joined = { ...pauseForStormJoin(filed, later, counter), ...over };
    const t = over.agent ? { ...joined, tto: { ...joined.tto, state: 'stopped' as const } } : joined;
    const back = rearmAfterUnjoin(t, later, counter);
    expect([back.tto.state, back.ttr.state]).toEqual([tto, ttr]);
    if (back.tto.state === 'running' && back.tto.goal !== null) expect(back.tto.deadline).not.toBeNull();
    const moved = back.ttr.state === 'running' || back.tto.state === 'running';
    expect(back.deadlineVersion).toBe(t.deadlineVersion + (moved ? 1 : 0));
  });
});
