/**
 * Notice texts (docs/interfaces.md "Delivery semantics"): every notice carries the ref; a pending notice the reason; a
 * resolved notice the solution; escalations the threshold and the deadline in the recipient's zone; notes quoted
 * and cut. Both languages, every event.
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { EVENT_CODES, ESCALATION_LEVELS } from '../../../../src/domain/notifications/event-codes';
import type { Locale } from '../../../../src/domain/shared/locale';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { catalogEn } from '../../../../src/escalation/notices/catalog.en';
import { catalogZhCN } from '../../../../src/escalation/notices/catalog.zh-CN';
import type { NoticeCatalog } from '../../../../src/escalation/notices/notice-catalog';
import { inlineText, placeholders } from '../../../../src/escalation/notices/plain-text';
import { NOTE_EXCERPT_MAX, renderNotice, type NoticeContext } from '../../../../src/escalation/notices/render-notice';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const opened = openRequest(
  { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
  { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
);
if (!opened.ok) throw new Error(opened.error.message);
const ticket: Ticket = { ...opened.value.ticket, id: 12, status: 'assigned', agent: 'bjyunying2' };
const REF = 'R-000012';
const LOCALES: Locale[] = ['zh-CN', 'en'];

const ctx = (locale: Locale, extra: Partial<NoticeContext> = {}): NoticeContext => ({
  ticket,
  ref: REF,
  locale,
  timezone: 'Asia/Shanghai',
  serviceName: 'BJ-销售运营',
  actorName: '北京分公司-销售运营二线',
  assigneeName: '北京分公司-销售运营二线',
  ...extra,
});

describe.each(LOCALES)('%s', (locale) => {
  it.each(EVENT_CODES.map((e) => [e]))('%s: ref in title and text, no placeholder left, no markup', (event) => {
    const n = renderNotice(event, ctx(locale, { reason: '等待商户确认地址', solution: '已补发', note: '请问何时送达？' }));
    expect(n.title).toContain(REF);
    expect(n.text).toContain(REF);
    expect(`${n.title}\n${n.text}`).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(n.text).toContain(ticket.title);
    for (const line of n.text.split('\n')) expect(line).not.toMatch(/^\s*(#|>|[-*+] |\d+\. |```)/);
  });

  it('a pending notice contains the reason; falls back to the ticket', () => {
    expect(renderNotice('pending', ctx(locale, { reason: 'Waiting for the merchant' })).text).toContain('Waiting for the merchant');
    const pended = { ...ticket, status: 'pending' as const, pendingReason: '等待商户确认地址' };
    expect(renderNotice('pending', { ...ctx(locale), ticket: pended }).text).toContain('等待商户确认地址');
  });

  it('a resolved notice contains the solution; falls back to the ticket', () => {
    expect(renderNotice('resolved', ctx(locale, { solution: 'Re-sent 1 kg of grapes' })).text).toContain('Re-sent 1 kg of grapes');
    const resolved = { ...ticket, status: 'resolved' as const, solution: '已补发葡萄' };
    expect(renderNotice('resolved', { ...ctx(locale), ticket: resolved }).text).toContain('已补发葡萄');
  });

  it('a reopened notice contains the reason', () => {
    expect(renderNotice('reopened', ctx(locale, { reason: '还是没收到' })).text).toContain('还是没收到');
  });

  it('a long solution is carried whole up to 1000 characters, on one line', () => {
    const solution = 'step one\nstep two\n' + 'x'.repeat(900);
    const text = renderNotice('resolved', ctx(locale, { solution })).text;
    expect(text).toContain('step one step two ' + 'x'.repeat(900));
  });

  it('a note is quoted and cut to a sane length', () => {
    const note = '很'.repeat(500);
    const text = renderNotice('caller_note', ctx(locale, { note })).text;
    expect(text).toContain(`“${'很'.repeat(NOTE_EXCERPT_MAX)}…”`);
    expect(text).not.toContain('很'.repeat(NOTE_EXCERPT_MAX + 1));
    expect(renderNotice('agent_note', ctx(locale, { note: '已联系物流' })).text).toContain('“已联系物流”');
  });

  it('user text cannot inject markup or lines', () => {
    const text = renderNotice('agent_note', ctx(locale, { note: '# head\n> quote\n[click](http://evil) <font color=red>x</font>' })).text;
    expect(text).not.toContain('](');
    expect(text).not.toMatch(/<font/);
    expect(text.split('\n')[0]).toContain('# head > quote click (http://evil) < font color=red>x< /font>');
  });

  it.each(ESCALATION_LEVELS.map((l) => [l]))('%s names the threshold and the deadline', (level) => {
    const deadline = new Date('2026-12-02T08:30:00Z'); // 16:30 in Shanghai, 09:30 in Berlin
    const n = renderNotice(level, ctx(locale, { deadline }));
    const catalog = locale === 'en' ? catalogEn : catalogZhCN;
    expect(n.text).toContain(catalog.level[level]);
    expect(n.text).toContain('16:30');
    expect(n.text).toContain('GMT+8');
    const berlin = renderNotice(level, ctx(locale, { deadline, timezone: 'Europe/Berlin' }));
    expect(berlin.text).toContain('09:30');
    expect(berlin.text).toContain('GMT+1');
  });

  it('an escalation without a given deadline takes the stopwatch’s, else says none is recorded', () => {
    const n = renderNotice('tto', ctx(locale));
    expect(ticket.tto.deadline).not.toBeNull();
    expect(n.text).toContain(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ticket.tto.deadline!));
    const noSla = { ...ticket, ttr: { ...ticket.ttr, deadline: null } };
    const catalog = locale === 'en' ? catalogEn : catalogZhCN;
    expect(renderNotice('ttr2', { ...ctx(locale), ticket: noSla }).text).toContain(catalog.fallback.noDeadline);
  });

  it('an unknown time zone falls back to UTC instead of failing', () => {
    const n = renderNotice('ttr1', ctx(locale, { deadline: new Date('2026-12-02T08:30:00Z'), timezone: 'Mars/Olympus' }));
    expect(n.text).toContain('08:30');
  });

  it('a custom ladder level is shown by its code', () => {
    expect(renderNotice('ttr2', ctx(locale, { level: 'ttr_150' })).text).toContain('ttr_150');
  });

  it('missing names read "someone", not "undefined"', () => {
    const n = renderNotice('closed', { ticket, ref: REF, locale, timezone: 'Asia/Shanghai' });
    expect(n.text).toContain((locale === 'en' ? catalogEn : catalogZhCN).fallback.someone);
    expect(n.text).not.toMatch(/undefined|null/);
  });
});

it('the two languages differ and read naturally', () => {
  const zh = renderNotice('pending', ctx('zh-CN', { reason: '等待商户确认' }));
  const en = renderNotice('pending', ctx('en', { reason: '等待商户确认' }));
  expect(zh).toEqual({
    title: 'R-000012 已挂起',
    text: ['R-000012 已挂起。', `标题：${ticket.title}`, '服务：BJ-销售运营', '原因：等待商户确认'].join('\n'),
  });
  expect(en).toEqual({
    title: 'R-000012 Pending',
    text: ['R-000012 is pending.', `Title: ${ticket.title}`, 'Service: BJ-销售运营', 'Reason: 等待商户确认'].join('\n'),
  });
  expect(renderNotice('ttr2', ctx('zh-CN', { deadline: new Date('2026-12-02T08:30:00Z') })).text).toContain(
    '解决时限（已过）：12月2日周三 16:30（GMT+8）', // as on the card: one date format,
  );
  expect(renderNotice('ttr2', ctx('en', { deadline: new Date('2026-12-02T08:30:00Z') })).text).toContain(
    'Resolution was due: Wed, Dec 2, 16:30 (GMT+8)',
  );
});

describe('catalogs', () => {
  const ALLOWED: Record<string, string[]> = {
    title: ['ref', 'kind', 'level', 'assignee'],
    lead: ['ref', 'kind', 'service', 'actor', 'assignee', 'level', 'note'],
    hint: [],
  };

  it.each<[string, NoticeCatalog]>([
    ['zh-CN', catalogZhCN],
    ['en', catalogEn],
  ])('%s: every event has words; templates use known values and start with {ref} or a word', (_l, catalog) => {
    for (const code of EVENT_CODES) {
      const words = catalog.event[code];
      expect(words.lead).toContain('{ref}');
      expect(words.title).toContain('{ref}');
      for (const [part, template] of Object.entries(words)) {
        expect([code, part, placeholders(template)]).toEqual([code, part, placeholders(template).filter((p) => ALLOWED[part]!.includes(p))]);
        expect(template).not.toMatch(/^\{(?!ref\})/);
      }
    }
    expect(Object.keys(catalog.level).sort()).toEqual([...ESCALATION_LEVELS].sort());
  });

  it('have the same keys', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k])).sort();
    expect(keys(catalogEn)).toEqual(keys(catalogZhCN));
  });
});

describe('inlineText', () => {
  it('drops control characters, folds white space, cuts with an ellipsis', () => {
    expect(inlineText(' a\u0007\n\n b\tc ', 10, '…')).toBe('a b c');
    expect(inlineText('abcdef', 3, '…')).toBe('abc…');
    expect(inlineText('😀😀😀😀', 2, '…')).toBe('😀😀…');
  });
});
