/** The lists' filters (docs/portal.md "Views"): parsed leniently, written back to the same query string. */
import { parseQueueFilter, queueQueryString } from '../../../../src/domain/portal/queue-filter';

describe('queue filters', () => {
  it('parses what it knows and drops the rest', () => {
    const { filter, sort } = parseQueueFilter({ state: 'new,bogus,pending', service: 'BJ-IT', priority: '9', overdue: '1', unassigned: '0', q: ' 打印机 ', sort: 'sideways', team: "x' OR 1=1", kind: 'bogus' });
    expect(filter).toEqual({ states: ['new', 'pending'], service: 'BJ-IT', overdue: true, text: '打印机' });
    expect(sort).toBe('newest');
  });

  it('round-trips through the query string', () => {
    const f = { states: ['assigned' as const], kind: 'problem' as const, team: 'bj-it', priority: 2, unassigned: true, text: 'vpn down' };
    const back = parseQueueFilter(Object.fromEntries(new URLSearchParams(queueQueryString(f, 'priority'))));
    expect(back).toEqual({ filter: f, sort: 'priority' });
  });

  it('filters by kind: requests, incidents or problems', () => {
    for (const kind of ['request', 'incident', 'problem'] as const) expect(parseQueueFilter({ kind }).filter).toEqual({ kind });
    expect(parseQueueFilter({ kind: 'change' }).filter).toEqual({});
  });
});
