/**
 * The view rule as a scope (view-scope.ts) agrees with `isAllowed(…, 'view', t)` for every person of the demo
 * directory and tickets of every org × team × caller (docs/domain.md §1 `view`); leads see the teams below theirs.
 */
import { isAllowed } from '../../../../src/domain/tickets/permissions';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { inViewScope, leadsTeamOrAbove, teamsBelow, viewScope } from '../../../../src/domain/tickets/view-scope';
import { demoDirectory } from '../../../support/demo';

function t(p: Pick<Ticket, 'caller' | 'org' | 'team'> & Partial<Ticket>): Ticket {
  return { notifiedLeads: [], agent: null, ...p } as Ticket;
}

describe('view scope', () => {
  it('agrees with isAllowed(view) on every person × ticket of the demo directory', () => {
    const dir = demoDirectory((d) => {
      // a team below bj-sales-ops, and a power user
      d.teams.push({ code: 'bj-sales-ops-2', name: '二线', org: 'bj-sales-ops', parent: 'bj-sales-ops', members: [{ person: 'bjyunying2', role: 'member' }], status: 'active' });
      d.people.find((p) => p.id === 'bjxiaoshoub')!.profiles.push('portal_power_user');
    });
    const people = dir.data.people.map((p) => p.id);
    const tickets: Ticket[] = [];
    for (const org of dir.data.organizations.map((o) => o.code)) {
      for (const team of [...dir.data.teams.map((x) => x.code)]) {
        for (const caller of ['bjxiaoshoua', 'gzxiaoshoua', 'kehua']) tickets.push(t({ caller, org, team, notifiedLeads: team === 'gz-it' ? ['bjzong'] : [] }));
      }
    }
    let checked = 0;
    for (const person of people) {
      const scope = viewScope(dir, person);
      for (const ticket of tickets) {
        expect([person, ticket.org, ticket.team, ticket.caller, inViewScope(scope, ticket)]).toEqual([person, ticket.org, ticket.team, ticket.caller, isAllowed(dir, person, 'view', ticket)]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(teamsBelow(dir, 'bj-sales-ops')).toEqual(['bj-sales-ops-2']);
    expect(leadsTeamOrAbove(dir, 'bjyunyingzg', 'bj-sales-ops-2')).toBe(true);
    expect(viewScope(dir, 'bjyunyingzg').teams).toContain('bj-sales-ops-2');
    expect(viewScope(dir, 'admin').all).toBe(true);
    expect(viewScope(dir, 'bjxiaoshoub').orgs).toEqual(['bj-sales']);
  });
});
