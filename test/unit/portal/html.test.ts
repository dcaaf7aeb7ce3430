import { DateTime } from 'luxon';
import { esc, when } from '../../../src/portal/views/html';

const luxon = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('when (the page formats instants in the viewer zone, as luxon does)', () => {
  const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Apia'];
  // every 7 minutes across 2026's spring and autumn transitions, plus old instants with odd historical offsets
  const instants: Date[] = [];
  for (const [from, to] of [
    ['2026-03-07T00:00:00Z', '2026-03-09T12:00:00Z'],
    ['2026-03-28T00:00:00Z', '2026-04-06T00:00:00Z'],
    ['2026-09-26T00:00:00Z', '2026-09-28T00:00:00Z'],
    ['2026-10-03T00:00:00Z', '2026-11-02T12:00:00Z'],
  ] as const) {
    for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000 + 13_000) instants.push(new Date(t));
  }
  instants.push(new Date('1900-01-01T00:00:00Z'), new Date('1927-12-31T23:59:59Z'), new Date('2011-12-29T10:30:00Z'), new Date(0));

  it.each(zones)('agrees with luxon on every instant around the offset changes (%s)', (zone) => {
    const differ = instants.filter((d) => when(d, zone) !== luxon(d, zone));
    expect(differ.map((d) => `${d.toISOString()} ${when(d, zone)} ≠ ${luxon(d, zone)}`)).toEqual([]);
  });

  it('answers — for none, and what luxon answers for an unknown zone', () => {
    expect(when(null, 'UTC')).toBe('—');
    expect(when(undefined, 'UTC')).toBe('—');
    const d = new Date('2026-05-01T08:00:00Z');
    expect(when(d, 'Mars/Olympus')).toBe(luxon(d, 'Mars/Olympus'));
    expect(when(d, 'Asia/Shanghai')).toBe('2026-05-01 16:00');
  });
});

describe('esc', () => {
  it('escapes the five HTML specials and nothing else', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('工单 R-000001')).toBe('工单 R-000001');
    expect(esc(null)).toBe('');
    expect(esc(42)).toBe('42');
  });
});
