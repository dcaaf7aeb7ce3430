/**
 * The caller of a request converted into a demand is told "已转为需求 D-…" / "Converted to demand D-…", not the
 * ordinary resolved notice (docs/demands.md "Converting a request"); any other resolution keeps the resolved words.
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { renderNotice } from '../../../../src/escalation/notices/render-notice';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const opened = openRequest(
  { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '希望增加批量导出功能' },
  { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
);
if (!opened.ok) throw new Error(opened.error.message);
const converted: Ticket = { ...opened.value.ticket, id: 12, status: 'resolved', agent: 'bjyunying2', resolutionCode: 'converted_to_demand', solution: 'D-000007' };
const ctx = (locale: 'zh-CN' | 'en', ticket: Ticket = converted) => ({ ticket, ref: 'R-000012', locale, timezone: 'Asia/Shanghai' });

describe('the converted-to-demand notice', () => {
  it('zh-CN: 已转为需求 D-…, no close/reopen hint', () => {
    const n = renderNotice('resolved', ctx('zh-CN'));
    expect(n.title).toBe('R-000012 已转为需求 D-000007');
    expect(n.text.split('\n')[0]).toBe('R-000012 已转为需求 D-000007。');
    expect(n.text).not.toContain('重新打开');
    expect(n.text).not.toContain('已解决');
  });

  it('en: Converted to demand D-…', () => {
    const n = renderNotice('resolved', ctx('en'));
    expect(n.title).toBe('R-000012 Converted to demand D-000007');
    expect(n.text).toContain('R-000012 has been converted to demand D-000007.');
  });

  it('another resolution code keeps the resolved notice with its solution', () => {
    const n = renderNotice('resolved', ctx('zh-CN', { ...converted, resolutionCode: null, solution: '已补发' }));
    expect(n.title).toBe('R-000012 已解决');
    expect(n.text).toContain('已补发');
  });
});
