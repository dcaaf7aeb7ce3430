/**
 * Time left on the card (docs/interfaces.md "Ticket card"): open cards carry `tto_deadline` / `ttr_deadline` and
 * `overdue` once a deadline has passed at render time (a threshold's firing re-renders the card); closed cards the
 * satisfaction by name (非常满意 is the best, never "1/4").
 */
import { countersFor } from '../../../../../src/domain/calendar/calendar-counters';
import { decide, type TicketCommand } from '../../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../../src/domain/tickets/ticket';
import { renderTicketCard } from '../../../../../src/bot/views/cards/render-ticket-card';
import { toPublicCardParamMap } from '../../../../../src/adapters/dingtalk/cards/card-params';
import { demoDirectory, WORKDAY_10AM } from '../../../../support/demo';

const dir = demoDirectory();
const CALLER = '1000000259';
const step = (t: Ticket, cmd: TicketCommand, actor: string, now = WORKDAY_10AM): Ticket => {
  const r = decide(t, cmd, { dir, actor, entryPoint: 'card', now, counter: countersFor(dir) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.ticket;
};
const opened = (() => {
  const r = openRequest(
    { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
    { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
  );
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 12 };
})();
const field = (t: Ticket, label: string, now?: Date) => renderTicketCard(t, dir, [CALLER], 'zh-CN', { now }).fields.find((f) => f.label === label)?.value;

describe('deadlines and overdue on an open card', () => {
  it('carries both deadlines and no overdue before they pass', () => {
    const map = toPublicCardParamMap(renderTicketCard(opened, dir, [CALLER], 'zh-CN', { now: WORKDAY_10AM }));
    expect(map.tto_deadline).toBe('12月2日周三 12:00（GMT+8）');
    expect(map.ttr_deadline).toMatch(/^12月3日/);
    expect(map.overdue).toBe('');
  });

  it('past the TTO deadline: overdue tto, and a row saying so', () => {
    const late = new Date(opened.tto.deadline!.getTime() + 1000);
    expect(renderTicketCard(opened, dir, [CALLER], 'zh-CN', { now: late }).vars?.overdue).toBe('tto');
    expect(field(opened, '时限', late)).toBe('已超过响应时限');
  });

  it('claimed and past the TTR deadline: overdue ttr', () => {
    const claimed = step(opened, { type: 'claim' }, 'bjxiaoshouyunying');
    const late = new Date(claimed.ttr.deadline!.getTime() + 1000);
    expect(renderTicketCard(claimed, dir, [CALLER], 'en', { now: late }).vars).toMatchObject({ overdue: 'ttr', tto_deadline: '' });
  });
});

describe('the closed card', () => {
  it.each([
    [1, '非常满意'],
    [4, '非常不满意'],
  ])('satisfaction %i reads %s', (n, label) => {
    const claimed = step(opened, { type: 'claim' }, 'bjxiaoshouyunying');
    const resolved = step(claimed, { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, 'bjxiaoshouyunying');
    const closed = step(resolved, { type: 'close', satisfaction: n }, 'bjxiaoshoua');
    expect(field(closed, '满意度')).toBe(label);
    expect(renderTicketCard(closed, dir, [CALLER], 'zh-CN').vars?.satisfaction).toBe(label);
  });
});
