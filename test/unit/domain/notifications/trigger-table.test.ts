/** The trigger table as data: the shipped file, the term grammar, and validation that reports every problem at once. */
import { EVENT_CODES } from '../../../../src/domain/notifications/event-codes';
import { parseRecipientTerm } from '../../../../src/domain/notifications/recipient-term';
import { parseTriggerTable } from '../../../../src/domain/notifications/trigger-table.schema';
import { demoDirectory } from '../../../support/demo';
import { readYaml, shippedRaw, shippedTable } from './trigger-table-fixtures';

const dir = demoDirectory();
const terms = (ts: readonly { text: string }[]) => ts.map((t) => t.text);

describe('config/triggers.yaml', () => {
  it('parses, against the demo directory too, with one row per event', () => {
    const table = shippedTable(dir);
    expect(Object.keys(table.rows).sort()).toEqual([...EVENT_CODES].sort());
    expect(parseTriggerTable(shippedRaw()).ok).toBe(true);
  });

  it('is the seed table of docs/domain.md §4', () => {
    const { rows } = shippedTable(dir);
    const expected: Record<string, [string[], string[]]> = {
      created: [['service_team.contacts'], ['service_team.contacts']],
      tto: [['service_team.lead'], ['service_team.contacts']],
      assigned: [['assignee'], ['assignee']],
      ttr1: [['assignee', 'assignee_team.lead'], ['assignee', 'assignee_team.lead']],
      ttr2: [['assignee', 'assignee_team.upper_lead'], ['assignee', 'assignee_team.upper_lead']],
      ttr3: [['top_lead'], ['top_lead']],
      pending: [['caller', 'service_team.lead'], ['caller', 'service_team.lead']],
      resolved: [['caller'], []],
      reopened: [['assignee | service_team.contacts'], ['assignee | service_team.contacts']],
      closed: [['assignee'], ['assignee']],
      agent_note: [['caller'], ['caller']],
      caller_note: [['assignee | service_team.contacts'], ['assignee | service_team.contacts']],
    };
    for (const code of EVENT_CODES) {
      expect([code, terms(rows[code].request), terms(rows[code].incident)]).toEqual([code, ...expected[code]!]);
      expect(rows[code].notifyActor).toBe(false);
    }
  });
});

describe('recipient terms', () => {
  it.each([
    ['caller', [{ kind: 'caller' }]],
    ['top_lead', [{ kind: 'top_lead' }]],
    ['person:bjzong', [{ kind: 'person', id: 'bjzong' }]],
    ['team:bj-ops.contacts', [{ kind: 'team_role', team: { kind: 'team', code: 'bj-ops' }, role: 'contacts' }]],
    ['team:bj-ops.lead', [{ kind: 'team_role', team: { kind: 'team', code: 'bj-ops' }, role: 'lead' }]],
    ['assignee_team.members', [{ kind: 'team_role', team: { kind: 'assignee_team' }, role: 'members' }]],
    ['service_team.upper_lead', [{ kind: 'team_role', team: { kind: 'service_team' }, role: 'upper_lead' }]],
    [
      '  assignee|service_team.contacts ',
      [{ kind: 'assignee' }, { kind: 'team_role', team: { kind: 'service_team' }, role: 'contacts' }],
    ],
  ])('%s', (text, alternatives) => {
    const r = parseRecipientTerm(text);
    expect(r).toMatchObject({ ok: true, value: { alternatives } });
  });

  it('writes a fallback in canonical form', () => {
    expect(parseRecipientTerm('assignee|service_team.contacts')).toMatchObject({
      ok: true,
      value: { text: 'assignee | service_team.contacts' },
    });
  });

  it.each([
    ['', /is empty/],
    ['boss', /unknown recipient "boss": expected caller, assignee/],
    ['Caller', /did you mean "caller"/],
    ['person:', /malformed "person:"/],
    ['person:a b', /malformed/],
    ['team:bj-ops', /malformed "team:bj-ops": write team:<code>\.<role>/],
    ['team:.lead', /malformed/],
    ['team:bj-ops.boss', /unknown team role "boss"/],
    ['service_team.contact', /did you mean "\.contacts"/],
    ['assignee_team', /needs a role/],
    ['assignee |', /alternative 2 .* is empty/],
    ['caller | caller', /listed twice/],
  ])('refuses %j', (text, message) => {
    const r = parseRecipientTerm(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.join('\n')).toMatch(message);
  });
});

describe('validation', () => {
  it('reports every problem of a file at once, with paths', () => {
    const raw = readYaml(`
version: 1
colour: blue
events:
  created: { request: [service_team.contacts], incident: [service_team.contacts] }
  tto: { request: [service_team.lead], incident: [service_team.contacts] }
  assigned: { request: [assignee], incident: [assignee, assignee] }
  ttr1: { request: [assignee, assignee_team.lead], incident: [assignee, assignee_team.boss] }
  ttr2: { request: [assignee, person:nobody], incident: [assignee, assignee_team.upper_lead] }
  TTR-2: { request: [assignee], incident: [assignee] }
  ttr4: { request: [top_lead], incident: [top_lead] }
  pending: { request: [caller, "team:bj-nowhere.lead"], incident: [caller, 42] }
  resolved: { request: [caller], incident: [caller], notify_actor: "yes", colour: red }
  reopened: { request: [assignee] }
  closed: { request: [assignee], incident: [assignee] }
  agent_note: { request: ["person:"], incident: [caller] }
  caller_note: null
`);
    const r = parseTriggerTable(raw, dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.error.map((e) => [e.path, e.message]));
    expect(byPath).toEqual({
      colour: expect.stringMatching(/unknown key "colour"/),
      'events.assigned.incident[1]': '"assignee" is listed twice (also at [0])',
      'events.ttr1.incident[1]': expect.stringMatching(/unknown team role "boss"/),
      'events.ttr2.request[1]': 'unknown person "nobody" in "person:nobody"',
      'events.TTR-2': 'duplicate row: "TTR-2" is the same event as "ttr2"',
      'events.ttr4': expect.stringMatching(/unknown event "ttr4" \(expected one of: created, tto/),
      'events.pending.request[1]': 'unknown team "bj-nowhere" in "team:bj-nowhere.lead"',
      'events.pending.incident[1]': expect.stringMatching(/expected a string, got the number 42/),
      'events.resolved.notify_actor': expect.stringMatching(/expected true or false/),
      'events.resolved.colour': 'unknown key "colour"',
      'events.reopened.incident': 'is required',
      'events.agent_note.request[0]': expect.stringMatching(/malformed "person:"/),
      'events.caller_note': expect.stringMatching(/expected a map, got null/),
      'events.ttr3': 'no row for event "ttr3": add one (an empty list notifies nobody)',
    });
    expect(r.error).toHaveLength(14);
  });

  it('checks people and teams only when given a directory', () => {
    const raw = shippedRaw() as { version: number; events: Record<string, unknown> };
    const edited = { ...raw, events: { ...raw.events, ttr3: { request: ['person:ghost'], incident: ['team:ghosts.contacts'] } } };
    expect(parseTriggerTable(edited).ok).toBe(true);
    const r = parseTriggerTable(edited, dir);
    expect(r.ok ? [] : r.error).toEqual([
      { path: 'events.ttr3.request[0]', message: 'unknown person "ghost" in "person:ghost"' },
      { path: 'events.ttr3.incident[0]', message: 'unknown team "ghosts" in "team:ghosts.contacts"' },
    ]);
  });

  it('suggests the event meant by a misspelt key', () => {
    const raw = shippedRaw() as { version: number; events: Record<string, unknown> };
    const { agent_note, ...rest } = raw.events;
    const r = parseTriggerTable({ ...raw, events: { ...rest, 'Agent-Note': agent_note } });
    expect(r.ok ? [] : r.error).toEqual([
      { path: 'events.Agent-Note', message: 'unknown event "Agent-Note"; did you mean "agent_note"?' },
      { path: 'events.agent_note', message: 'no row for event "agent_note": add one (an empty list notifies nobody)' },
    ]);
  });

  it.each([
    [null, [{ path: '', message: 'expected a map with "version" and "events", got null' }]],
    [{ events: {} }, expect.arrayContaining([{ path: 'version', message: 'is required: write "version: 1"' }])],
    [{ version: 2, events: [] }, [
      { path: 'version', message: 'unsupported version number 2: this bot reads version 1' },
      { path: 'events', message: 'expected a map, got a list' },
    ]],
  ])('refuses the document %j', (raw, errors) => {
    const r = parseTriggerTable(raw);
    expect(r.ok ? [] : r.error).toEqual(errors);
  });

  it('accepts notify_actor and empty lists', () => {
    const raw = shippedRaw() as { version: number; events: Record<string, unknown> };
    const r = parseTriggerTable({ ...raw, events: { ...raw.events, closed: { request: [], incident: ['assignee'], notify_actor: true } } });
    expect(r).toMatchObject({ ok: true, value: { rows: { closed: { request: [], notifyActor: true } } } });
  });

  it('leaves duplicate YAML keys to the reader, which refuses them', () => {
    expect(() => readYaml('version: 1\nevents:\n  tto: { request: [], incident: [] }\n  tto: { request: [], incident: [] }\n')).toThrow(
      /unique/i,
    );
  });
});

// Problems (issue 14, docs/domain.md §9)
describe('config/triggers.yaml: problem rows', () => {
  it('tells the problem team\'s lead of a new or resolved problem, the assignee of its assignment and closing, and the ladder as for requests', () => {
    const { rows } = shippedTable(dir);
    const problem = Object.fromEntries(Object.entries(rows).map(([e, r]) => [e, terms(r.problem)]).filter(([, t]) => (t as string[]).length > 0));
    expect(problem).toEqual({
      created: ['assignee_team.lead'],
      assigned: ['assignee'],
      resolved: ['assignee_team.lead'],
      closed: ['assignee'],
      // thresholds of a problem with an SLT row of request type problem: its team's lead while unassigned, then as requests
      tto: ['assignee_team.lead'],
      ttr1: ['assignee', 'assignee_team.lead'],
      ttr2: ['assignee', 'assignee_team.upper_lead'],
      ttr3: ['top_lead'],
    });
  });

  it('a table without problem rows is valid and notifies nobody of problems', () => {
    const raw = shippedRaw() as { events: Record<string, Record<string, unknown>> };
    for (const row of Object.values(raw.events)) delete row.problem;
    const parsed = parseTriggerTable(raw, dir);
    expect(parsed.ok && Object.values(parsed.value.rows).every((r) => r.problem.length === 0)).toBe(true);
  });
});
