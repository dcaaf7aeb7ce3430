/**
 * The words of a first week (docs/domain.md §4 "Notice words"): no "TTO"/"TTR" inside a Chinese notice (响应/解决
 * wording), a note is "新回复" both ways, the satisfaction is its label (非常满意 never reads as 1/4), and a deadline is
 * written as on the card (one date format).
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { EVENT_CODES } from '../../../../src/domain/notifications/event-codes';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { renderNotice, type NoticeContext } from '../../../../src/escalation/notices/render-notice';
import { formatDeadline } from '../../../../src/domain/shared/catalog-format';
import { botCatalogZhCN } from '../../../../src/bot/views/replies/catalog.zh-CN';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const opened = openRequest(
  { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
  { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
);
if (!opened.ok) throw new Error(opened.error.message);
const ticket: Ticket = { ...opened.value.ticket, id: 12, status: 'assigned', agent: 'bjyunying2' };
const ctx = (extra: Partial<NoticeContext> = {}): NoticeContext => ({
  ticket,
  ref: 'R-000012',
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  note: '请问何时送达？',
  ...extra,
});

describe('Chinese notice words', () => {
  it.each(EVENT_CODES.map((e) => [e]))('%s: no TTO / TTR in a Chinese notice', (event) => {
    const n = renderNotice(event, ctx());
    expect(`${n.title}\n${n.text}`).not.toMatch(/TT[OR]/);
  });

  it('a note reads 新回复 whichever way it goes', () => {
    expect(renderNotice('agent_note', ctx()).text).toContain('新回复');
    expect(renderNotice('caller_note', ctx()).text).toContain('新回复');
    expect(renderNotice('agent_note', ctx()).text).not.toContain('新备注');
  });

  it('the satisfaction is its label: 非常满意, not 1/4', () => {
    const text = renderNotice('closed', ctx({ ticket: { ...ticket, status: 'closed', satisfaction: 1 } })).text;
    expect(text).toContain('满意度：非常满意');
    expect(text).not.toContain('1/4');
  });

  it('a deadline is written as on the card', () => {
    const at = ticket.ttr.deadline!;
    const onCard = formatDeadline(at, botCatalogZhCN, 'Asia/Shanghai', { withYear: false });
    const line = renderNotice('ttr2', ctx({ deadline: at })).text.split('\n').find((l) => l.startsWith('解决时限'));
    expect(line?.split('：')[1]).toBe(onCard);
  });
});
