/**
 * docs/domain.md §4 "Nobody is never the answer": for every row of config/triggers.yaml and both ticket kinds, a
 * ticket whose named recipients reach nobody (no assignee, the caller unreachable, the team's contacts unreachable)
 * still reaches the lead of the relevant team (the ticket's team, else its service's team).
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import type { Directory } from '../../../../src/domain/directory/directory';
import { EVENT_CODES } from '../../../../src/domain/notifications/event-codes';
import { resolveRecipients } from '../../../../src/domain/notifications/resolve-recipients';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket, TicketKind } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';
import { shippedTable, tableWith } from '../notifications/trigger-table-fixtures';

/** The demo directory where everybody but the leads of bj-sales-ops has gone (inactive). */
function leadsOnly(): Directory {
  return demoDirectory((data) => {
    for (const p of data.people) if (p.id !== 'bjyunyingzg') p.status = 'inactive';
  });
}

const full = demoDirectory();

function ticket(kind: TicketKind, agent: string | null): Ticket {
  const r = openRequest(
    { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
    { dir: full, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(full) },
  );
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 12, kind, agent, status: agent ? 'assigned' : 'new' };
}

describe('no row of the trigger table resolves to nobody: the team lead is told instead', () => {
  const dir = leadsOnly();
  const table = shippedTable(full);
  const cases = EVENT_CODES.flatMap((e) =>
    (['request', 'incident'] as const).flatMap((k) => [
      [e, k, 'unassigned'] as const,
      [e, k, 'assigned to somebody gone'] as const,
    ]),
  );
  it.each(cases)('%s on a %s, %s', (event, kind, how) => {
    const t = ticket(kind, how === 'unassigned' ? null : 'bjyunying2');
    const r = resolveRecipients(table, event, t, dir, { actor: null });
    // A row written [] notifies nobody on purpose (an incident's `resolved`: its callers hear through their requests).
    const expected = table.rows[event][kind].length === 0 ? [] : ['bjyunyingzg'];
    expect(r.recipients.map((x) => x.personId)).toEqual(expected);
  });

  it('the fallback is recorded as such and the skips stay recorded', () => {
    const r = resolveRecipients(table, 'closed', ticket('request', null), full, { actor: 'bjxiaoshoua' });
    expect(r.recipients.map((x) => [x.personId, x.via])).toEqual([['bjyunyingzg', 'fallback:assignee_team.lead']]);
    expect(r.skipped).toEqual([{ personId: null, term: 'assignee', reason: 'nobody' }]);
  });

  it('the actor alone being the recipient is not "nobody": nothing falls back', () => {
    // The assignee claims: the `assigned` row names the actor, who is not told of their own action.
    const r = resolveRecipients(table, 'assigned', ticket('request', 'bjyunying2'), full, { actor: 'bjyunying2' });
    expect(r.recipients).toEqual([]);
  });

  it('only the incident\'s `resolved` row is written []', () => {
    const empty = EVENT_CODES.flatMap((e) => (['request', 'incident'] as const).filter((k) => table.rows[e][k].length === 0).map((k) => `${e}.${k}`));
    expect(empty).toEqual(['resolved.incident']);
  });

  it('a row written [] stays silent', () => {
    const t = tableWith({ pending: { request: [], incident: [] } }, full);
    expect(resolveRecipients(t, 'pending', ticket('request', 'bjyunying2'), dir, { actor: null }).recipients).toEqual([]);
  });

  it('the lead who is the actor is not told of their own action; the service team\'s lead is tried after the ticket\'s', () => {
    const r = resolveRecipients(table, 'closed', ticket('request', null), dir, { actor: 'bjyunyingzg' });
    expect(r.recipients).toEqual([]);
  });
});
