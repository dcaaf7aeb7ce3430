/**
 * Recipient resolution on the demo directory (the seed's company), row by row of docs/domain.md §4, then the
 * rules around it: skips with reasons, no one twice, the actor left out, fallbacks and the `part` option (§3.3).
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import type { Directory } from '../../../../src/domain/directory/directory';
import type { EventCode } from '../../../../src/domain/notifications/event-codes';
import { resolveRecipients, type RecipientPart } from '../../../../src/domain/notifications/resolve-recipients';
import type { TriggerTable } from '../../../../src/domain/notifications/trigger-table';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';
import { shippedTable, tableWith } from './trigger-table-fixtures';

const demo = demoDirectory();
const table = shippedTable(demo);

function request(caller: string, service: string, subcategory: string, dir: Directory = demo): Ticket {
  const r = openRequest(
    { caller, service, subcategory, description: '昨天订了1斤葡萄，今天没有送货' },
    { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
  );
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return { ...r.value.ticket, id: 12 };
}

/** A BJ-销售运营 request of bjxiaoshoua: pool bj-sales-ops (lead bjyunyingzg, contacts bjxiaoshouyunying, bjyunying2). */
const bjNew = request('bjxiaoshoua', 'BJ-SALES-OPS', 'consult');
const assignedTo = (t: Ticket, agent: string, team = t.team): Ticket => ({ ...t, status: 'assigned', agent, team });
const bjAssigned = assignedTo(bjNew, 'bjyunying2');
/** An incident on BJ-运维 (team bj-ops: zbyw is lead and contact) with a Guangzhou caller. */
const opsIncident: Ticket = { ...request('gzxiaoshoua', 'BJ-OPS', 'outage'), kind: 'incident', requestType: 'incident', id: 13 };
const opsAssigned = assignedTo(opsIncident, 'zbyw');

function ids(
  event: EventCode,
  ticket: Ticket,
  actor: string | null,
  opts: { dir?: Directory; table?: TriggerTable; part?: RecipientPart } = {},
) {
  const r = resolveRecipients(opts.table ?? table, event, ticket, opts.dir ?? demo, { actor, part: opts.part });
  return r.recipients.map((x) => x.personId);
}

describe('each row of the trigger table, on the demo directory', () => {
  it.each<[string, EventCode, Ticket, string | null, string[]]>([
    ['created: request → contacts of the service team', 'created', bjNew, 'bjxiaoshoua', ['bjxiaoshouyunying', 'bjyunying2']],
    ['created: incident → contacts of the service team', 'created', opsIncident, 'zbshangchengcp', ['zbyw']],
    ['TTO: request → lead of the service team', 'tto', bjNew, null, ['bjyunyingzg']],
    ['TTO: incident → contacts of the service team', 'tto', opsIncident, null, ['zbyw']],
    ['assigned: request → the assignee', 'assigned', bjAssigned, 'bjyunyingzg', ['bjyunying2']],
    ['assigned: incident → the assignee', 'assigned', opsAssigned, 'admin', ['zbyw']],
    ['TTR-1: request → assignee + lead of their team', 'ttr1', bjAssigned, null, ['bjyunying2', 'bjyunyingzg']],
    ['TTR-1: incident → assignee (who is the lead: once)', 'ttr1', opsAssigned, null, ['zbyw']],
    ['TTR-2: request → assignee + upper lead', 'ttr2', bjAssigned, null, ['bjyunying2', 'bjzong']],
    ['TTR-2: incident → assignee + upper lead', 'ttr2', opsAssigned, null, ['zbyw', 'bjzong']],
    ['TTR-3: request → top lead', 'ttr3', bjAssigned, null, ['jtzj']],
    ['TTR-3: incident → top lead of the caller', 'ttr3', opsAssigned, null, ['jtzj']],
    ['pending: request → caller + lead of the service team', 'pending', bjAssigned, 'bjyunying2', ['bjxiaoshoua', 'bjyunyingzg']],
    ['pending: incident → caller + lead of the service team', 'pending', opsAssigned, 'admin', ['gzxiaoshoua', 'zbyw']],
    ['resolved: request → caller', 'resolved', bjAssigned, 'bjyunying2', ['bjxiaoshoua']],
    ['resolved: incident → nobody (its callers hear through their own requests)', 'resolved', opsAssigned, 'zbyw', []],
    ['reopened: request → assignee', 'reopened', bjAssigned, 'bjxiaoshoua', ['bjyunying2']],
    ['reopened: incident → assignee', 'reopened', opsAssigned, 'gzxiaoshoua', ['zbyw']],
    ['closed: request → assignee', 'closed', bjAssigned, 'bjxiaoshoua', ['bjyunying2']],
    ['closed: incident → assignee', 'closed', opsAssigned, 'gzxiaoshoua', ['zbyw']],
    ['agent note: request → caller', 'agent_note', bjAssigned, 'bjyunying2', ['bjxiaoshoua']],
    ['agent note: incident → caller', 'agent_note', opsAssigned, 'zbyw', ['gzxiaoshoua']],
    ['caller note while unassigned → contacts of the service team', 'caller_note', bjNew, 'bjxiaoshoua', ['bjxiaoshouyunying', 'bjyunying2']],
    ['caller note once assigned → the assignee', 'caller_note', bjAssigned, 'bjxiaoshoua', ['bjyunying2']],
    ['caller note on an unassigned incident → contacts', 'caller_note', opsIncident, 'gzxiaoshoua', ['zbyw']],
    ['caller note on an assigned incident → the assignee', 'caller_note', opsAssigned, 'gzxiaoshoua', ['zbyw']],
  ])('%s', (_name, event, ticket, actor, expected) => {
    expect(ids(event, ticket, actor)).toEqual(expected);
  });

  it('Guangzhou: TTO → gzyunyingzg, TTR-2 → the assignee and gzzong, TTR-3 → jtzj', () => {
    const gz = request('gzxiaoshoua', 'GZ-SALES-OPS', 'complaint');
    expect(ids('tto', gz, null)).toEqual(['gzyunyingzg']);
    expect(ids('ttr2', assignedTo(gz, 'gzxiaoshouyunying'), null)).toEqual(['gzxiaoshouyunying', 'gzzong']);
    expect(ids('ttr3', assignedTo(gz, 'gzxiaoshouyunying'), null)).toEqual(['jtzj']);
  });

  it('reassigned to another team: assignee_team follows the ticket, service_team the service', () => {
    const moved = assignedTo(bjNew, 'zbshangchengcp', 'bj-product-mall');
    expect(ids('ttr1', moved, null)).toEqual(['zbshangchengcp']);
    expect(ids('ttr2', moved, null)).toEqual(['zbshangchengcp', 'bjzong']);
    expect(ids('pending', moved, 'zbshangchengcp')).toEqual(['bjxiaoshoua', 'bjyunyingzg']);
  });

  it('gives each recipient their DingTalk id, locale, time zone and the term that named them', () => {
    const dir = demoDirectory((d) => {
      const p = d.people.find((x) => x.id === 'bjzong')!;
      p.locale = 'en';
      p.timezone = 'Europe/Berlin';
    });
    expect(resolveRecipients(table, 'ttr2', bjAssigned, dir, { actor: null })).toEqual({
      recipients: [
        { personId: 'bjyunying2', dingtalkUserId: '1000000555', locale: null, timezone: null, via: 'assignee' },
        { personId: 'bjzong', dingtalkUserId: '1000000592', locale: 'en', timezone: 'Europe/Berlin', via: 'assignee_team.upper_lead' },
      ],
      skipped: [],
    });
  });
});

describe('skips', () => {
  it('the actor is not told of their own action', () => {
    const claimed = resolveRecipients(table, 'assigned', bjAssigned, demo, { actor: 'bjyunying2' });
    expect(claimed).toEqual({ recipients: [], skipped: [{ personId: 'bjyunying2', term: 'assignee', reason: 'actor' }] });
    const r = resolveRecipients(table, 'created', opsIncident, demo, { actor: 'zbyw' });
    expect(r).toEqual({ recipients: [], skipped: [{ personId: 'zbyw', term: 'service_team.contacts', reason: 'actor' }] });
  });

  it('…unless the row says notify_actor', () => {
    const t = tableWith({ assigned: { request: ['assignee'], incident: ['assignee'], notify_actor: true } });
    expect(ids('assigned', bjAssigned, 'bjyunying2', { table: t })).toEqual(['bjyunying2']);
  });

  it('an inactive person is skipped with the reason', () => {
    const dir = demoDirectory((d) => {
      d.people.find((p) => p.id === 'bjyunying2')!.status = 'inactive';
    });
    expect(resolveRecipients(table, 'created', bjNew, dir, { actor: 'bjxiaoshoua' })).toEqual({
      recipients: [expect.objectContaining({ personId: 'bjxiaoshouyunying', via: 'service_team.contacts' })],
      skipped: [{ personId: 'bjyunying2', term: 'service_team.contacts', reason: 'inactive' }],
    });
  });

  it('a person without a DingTalk id is skipped with the reason', () => {
    const dir = demoDirectory((d) => {
      d.people.find((p) => p.id === 'bjxiaoshoua')!.dingtalkUserId = null;
    });
    expect(resolveRecipients(table, 'resolved', bjAssigned, dir, { actor: 'bjyunying2' })).toEqual({
      // nobody reached → the lead of the ticket's team instead (docs/domain.md §4 "Lead fall-back")
      recipients: [expect.objectContaining({ personId: 'bjyunyingzg', via: 'fallback:assignee_team.lead' })],
      skipped: [{ personId: 'bjxiaoshoua', term: 'caller', reason: 'no_dingtalk_id' }],
    });
  });

  it('no top lead → skipped as nobody; an inactive top lead → skipped as inactive', () => {
    const none = demoDirectory((d) => {
      d.organizations.find((o) => o.code === 'guest')!.lead = null;
    });
    expect(resolveRecipients(table, 'ttr3', bjAssigned, none, { actor: null })).toEqual({
      recipients: [expect.objectContaining({ personId: 'bjyunyingzg', via: 'fallback:assignee_team.lead' })],
      skipped: [{ personId: null, term: 'top_lead', reason: 'nobody' }],
    });
    const away = demoDirectory((d) => {
      d.people.find((p) => p.id === 'jtzj')!.status = 'inactive';
    });
    expect(resolveRecipients(table, 'ttr3', bjAssigned, away, { actor: null }).skipped).toEqual([
      { personId: 'jtzj', term: 'top_lead', reason: 'inactive' },
    ]);
  });

  it('no assignee → the assignee term names nobody', () => {
    expect(resolveRecipients(table, 'closed', bjNew, demo, { actor: 'bjxiaoshoua' })).toEqual({
      recipients: [expect.objectContaining({ personId: 'bjyunyingzg', via: 'fallback:assignee_team.lead' })],
      skipped: [{ personId: null, term: 'assignee', reason: 'nobody' }],
    });
  });

  it('a person named in the table but gone from the directory → unknown_person', () => {
    const t = tableWith({ ttr3: { request: ['top_lead', 'person:ghost'], incident: ['top_lead'] } });
    expect(resolveRecipients(t, 'ttr3', bjAssigned, demo, { actor: null })).toEqual({
      recipients: [expect.objectContaining({ personId: 'jtzj' })],
      skipped: [{ personId: 'ghost', term: 'person:ghost', reason: 'unknown_person' }],
    });
  });

  it('nobody is listed twice for one event', () => {
    // the assignee is also the team's lead
    const r = resolveRecipients(table, 'ttr1', assignedTo(bjNew, 'bjyunyingzg'), demo, { actor: null });
    expect(r).toEqual({
      recipients: [expect.objectContaining({ personId: 'bjyunyingzg', via: 'assignee' })],
      skipped: [{ personId: 'bjyunyingzg', term: 'assignee_team.lead', reason: 'duplicate' }],
    });
    const t = tableWith({ pending: { request: ['caller', 'service_team.members', 'person:bjyunyingzg', 'team:bj-sales-ops.contacts'], incident: [] } });
    expect(ids('pending', bjAssigned, 'bjyunying2', { table: t })).toEqual(['bjxiaoshoua', 'bjyunyingzg', 'bjxiaoshouyunying']);
  });

  it('an inactive team is nobody', () => {
    const dir = demoDirectory((d) => {
      d.teams.find((t) => t.code === 'bj-sales-ops')!.status = 'inactive';
    });
    expect(resolveRecipients(table, 'created', bjNew, dir, { actor: 'bjxiaoshoua' }).skipped).toEqual([
      { personId: null, term: 'service_team.contacts', reason: 'nobody' },
    ]);
  });
});

describe('fallback terms (a | b)', () => {
  it('an inactive assignee falls back to the service team contacts, and the skip is recorded', () => {
    const dir = demoDirectory((d) => {
      d.people.find((p) => p.id === 'bjyunying2')!.status = 'inactive';
    });
    expect(resolveRecipients(table, 'caller_note', bjAssigned, dir, { actor: 'bjxiaoshoua' })).toEqual({
      recipients: [expect.objectContaining({ personId: 'bjxiaoshouyunying', via: 'service_team.contacts' })],
      skipped: [{ personId: 'bjyunying2', term: 'assignee', reason: 'inactive' }],
    });
  });

  it('the actor counts as reached: an assignee writing does not wake the whole team', () => {
    const t = tableWith({ agent_note: { request: ['assignee | service_team.contacts'], incident: ['caller'] } });
    expect(resolveRecipients(t, 'agent_note', bjAssigned, demo, { actor: 'bjyunying2' })).toEqual({
      recipients: [],
      skipped: [{ personId: 'bjyunying2', term: 'assignee', reason: 'actor' }],
    });
  });

  it('when no alternative names anybody, the whole term is recorded as nobody', () => {
    const t = tableWith({ ttr3: { request: ['assignee | top_lead'], incident: ['top_lead'] } });
    const dir = demoDirectory((d) => {
      d.organizations.find((o) => o.code === 'guest')!.lead = null;
    });
    expect(resolveRecipients(t, 'ttr3', bjNew, dir, { actor: null }).skipped).toEqual([
      { personId: null, term: 'assignee | top_lead', reason: 'nobody' },
    ]);
  });
});

describe('part (a TTR level reached before assignment, docs/domain.md §3.3)', () => {
  const t = tableWith({
    ttr1: { request: ['assignee', 'service_team.lead', 'assignee_team.lead', 'top_lead'], incident: [] },
  });

  it('without_assignee: only the terms that need no assignee', () => {
    expect(ids('ttr1', bjNew, null, { table: t, part: 'without_assignee' })).toEqual(['bjyunyingzg', 'jtzj']);
    expect(ids('ttr3', bjNew, null, { part: 'without_assignee' })).toEqual(['jtzj']);
    expect(resolveRecipients(table, 'ttr2', bjNew, demo, { actor: null, part: 'without_assignee' })).toEqual({
      recipients: [],
      skipped: [],
    });
  });

  it('assignee_only at the first assignment: the assignee-based terms', () => {
    const later = assignedTo(bjNew, 'bjyunying2');
    expect(ids('ttr1', later, null, { table: t, part: 'assignee_only' })).toEqual(['bjyunying2', 'bjyunyingzg']);
    expect(ids('ttr2', later, null, { part: 'assignee_only' })).toEqual(['bjyunying2', 'bjzong']);
    expect(ids('ttr3', later, null, { part: 'assignee_only' })).toEqual([]);
  });

  it('the two parts of the shipped rows add up to all', () => {
    for (const event of ['tto', 'ttr1', 'ttr2', 'ttr3'] as const) {
      for (const ticket of [bjAssigned, opsAssigned]) {
        const parts = [...ids(event, ticket, null, { part: 'without_assignee' }), ...ids(event, ticket, null, { part: 'assignee_only' })];
        expect(parts.sort()).toEqual(ids(event, ticket, null).sort());
      }
    }
  });

  it('a fallback is judged by the alternative used', () => {
    const t2 = tableWith({ ttr1: { request: ['assignee | service_team.contacts'], incident: [] } });
    expect(ids('ttr1', bjNew, null, { table: t2, part: 'without_assignee' })).toEqual(['bjxiaoshouyunying', 'bjyunying2']);
    expect(ids('ttr1', bjNew, null, { table: t2, part: 'assignee_only' })).toEqual([]);
    expect(ids('ttr1', bjAssigned, null, { table: t2, part: 'assignee_only' })).toEqual(['bjyunying2']);
    expect(ids('ttr1', bjAssigned, null, { table: t2, part: 'without_assignee' })).toEqual([]);
  });
});
