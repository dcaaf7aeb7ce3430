/** The use cases' business preconditions (pure): every failure with its exact code, message and details. */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { SYSTEM_ACTOR, systemActor } from '../../../../src/domain/tickets/actor';
import type { TicketCommand } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import {
  checkCommandActor,
  checkDuplicateAnswer,
  checkLink,
  checkNote,
  checkSimilar,
} from '../../../../src/domain/tickets/preconditions';
import { LOG_MAX, type Ticket } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const ctx = { dir, now: WORKDAY_10AM, entryPoint: 'chat' as const, counter: countersFor(dir) };

function request(id: number, over: Partial<Ticket> = {}): Ticket {
  const r = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '测试' }, ctx);
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id, ...over };
}
const incident = (id: number, over: Partial<Ticket> = {}): Ticket => request(id, { kind: 'incident', ...over });

const R1 = request(1);
const I2 = incident(2);
const AGENT = 'bjxiaoshouyunying';
const CALLER = 'bjxiaoshoua';
const OTHER = 'bjxiaoshoub';

describe('checkCommandActor: system commands are refused to people', () => {
  it.each<[TicketCommand, string, boolean]>([
    [{ type: 'escalate_tto' }, CALLER, false],
    [{ type: 'escalate_ttr' }, AGENT, false],
    [{ type: 'auto_resolve', parentRef: 'I-000002' }, 'admin', false],
    [{ type: 'escalate_tto' }, SYSTEM_ACTOR.person, true],
    [{ type: 'auto_resolve', parentRef: 'I-000002' }, SYSTEM_ACTOR.person, true],
    [{ type: 'claim' }, AGENT, true],
    [{ type: 'resolve', solution: 's', resolutionCode: 'fixed' }, CALLER, true],
  ])('%j by %s → ok %s', (cmd, person, allowed) => {
    const r = checkCommandActor({ person, entryPoint: 'chat' }, cmd, 'R-000001');
    if (allowed) expect(r).toEqual({ ok: true, value: undefined });
    else expect(r).toEqual({ ok: false, error: { code: 'TICKET.NOT_ALLOWED', message: 'only the system may do this', details: { action: cmd.type, ref: 'R-000001' } } });
  });

  it('the system actor is one, whatever its entry point', () => {
    expect(SYSTEM_ACTOR).toEqual({ person: 'system', entryPoint: 'system' });
    expect(systemActor('escalation')).toEqual({ person: 'system', entryPoint: 'escalation' });
    expect(checkCommandActor(systemActor('escalation'), { type: 'escalate_ttr' }, 'R-000001').ok).toBe(true);
  });
});

describe('checkLink', () => {
  type Case = [string, Ticket, Ticket, 'link' | 'join', string, string, unknown];
  it.each<Case>([
    ['a request to an incident by an agent of its team', R1, I2, 'link', AGENT, 'r-000001', null],
    ['the caller joins an incident of the same service', R1, I2, 'join', CALLER, 'R-000001', null],
    ['an incident is not a request', incident(3), I2, 'link', AGENT, 'I-000003',
      { code: 'TICKET.NOT_A_REQUEST', message: 'only requests can be linked', details: { ref: 'I-000003' } }],
    ['the ref as given is named', incident(3), I2, 'link', AGENT, 'i-3',
      { code: 'TICKET.NOT_A_REQUEST', message: 'only requests can be linked', details: { ref: 'i-3' } }],
    ['only to an incident', R1, request(4), 'link', AGENT, 'R-000001',
      { code: 'TICKET.NOT_AN_INCIDENT', message: 'requests can only be linked to an incident', details: { ref: 'R-000004' } }],
    ['a resolved request', request(5, { status: 'resolved' }), I2, 'link', AGENT, 'R-000005',
      { code: 'TICKET.NOT_OPEN', message: 'the ticket is no longer open', details: { ref: 'R-000005', state: 'resolved' } }],
    ['a closed incident', R1, incident(6, { status: 'closed' }), 'join', CALLER, 'R-000001',
      { code: 'TICKET.NOT_OPEN', message: 'the ticket is no longer open', details: { ref: 'I-000006', state: 'closed' } }],
    ['already linked to this incident', request(7, { parent: 2 }), I2, 'link', AGENT, 'R-000007',
      { code: 'TICKET.ALREADY_LINKED', message: 'the request is already linked to this incident', details: { ref: 'R-000007', parent: 'I-000002' } }],
    ['a join of a request of another incident', request(8, { parent: 9 }), I2, 'join', CALLER, 'R-000008',
      { code: 'TICKET.ALREADY_LINKED', message: 'the request already belongs to an incident', details: { ref: 'R-000008' } }],
    ['an agent may relink a request of another incident', request(8, { parent: 9 }), I2, 'link', AGENT, 'R-000008', null],
    ['a join to an incident of another service', R1, incident(10, { service: 'BJ-IT' }), 'join', CALLER, 'R-000001',
      { code: 'TICKET.NOT_SIMILAR', message: 'the incident is of another service', details: { ref: 'I-000010' } }],
    ['a link to an incident of another service', R1, incident(10, { service: 'BJ-IT' }), 'link', AGENT, 'R-000001', null],
    ['a join by somebody else', R1, I2, 'join', OTHER, 'R-000001',
      { code: 'TICKET.NOT_ALLOWED', message: 'not allowed to link this request', details: { ref: 'R-000001', action: 'join' } }],
    ['a link by the caller', R1, I2, 'link', CALLER, 'R-000001',
      { code: 'TICKET.NOT_ALLOWED', message: 'not allowed to link this request', details: { ref: 'R-000001', action: 'link' } }],
  ])('%s', (_name, req, inc, as, person, requestRef, error) => {
    const r = checkLink(dir, person, req, inc, as, requestRef);
    expect(r).toEqual(error ? { ok: false, error } : { ok: true, value: undefined });
  });
});

describe('checkSimilar', () => {
  type Case = [string, Ticket, Ticket, string, unknown];
  it.each<Case>([
    ['two open requests of one service, by the caller', R1, request(11), CALLER, null],
    ['the first is an incident', incident(12), R1, CALLER,
      { code: 'TICKET.NOT_A_REQUEST', message: 'only requests can be similar', details: { ref: 'I-000012' } }],
    ['the other is an incident', R1, incident(12), CALLER,
      { code: 'TICKET.NOT_A_REQUEST', message: 'only requests can be similar', details: { ref: 'I-000012' } }],
    ['the first is resolved (before the other is looked at)', request(13, { status: 'resolved' }), incident(12), CALLER,
      { code: 'TICKET.NOT_OPEN', message: 'the ticket is no longer open', details: { ref: 'R-000013', state: 'resolved' } }],
    ['the other is closed', R1, request(14, { status: 'closed' }), CALLER,
      { code: 'TICKET.NOT_OPEN', message: 'the ticket is no longer open', details: { ref: 'R-000014', state: 'closed' } }],
    ['the same request', R1, R1, CALLER,
      { code: 'TICKET.NOT_SIMILAR', message: 'the requests are not of the same service', details: { ref: 'R-000001' } }],
    ['another service', R1, request(15, { service: 'BJ-IT' }), CALLER,
      { code: 'TICKET.NOT_SIMILAR', message: 'the requests are not of the same service', details: { ref: 'R-000015' } }],
    ['not the caller', R1, request(11), AGENT,
      { code: 'TICKET.NOT_ALLOWED', message: 'only the caller may group this request', details: { ref: 'R-000001', action: 'join' } }],
  ])('%s', (_name, req, other, person, error) => {
    expect(checkSimilar(dir, person, req, other)).toEqual(error ? { ok: false, error } : { ok: true, value: undefined });
  });
});

describe('checkDuplicateAnswer', () => {
  it.each([
    [CALLER, null],
    [OTHER, { code: 'TICKET.NOT_ALLOWED', message: 'only the caller may answer this', details: { ref: 'r-1', action: 'join' } }],
    [AGENT, { code: 'TICKET.NOT_ALLOWED', message: 'only the caller may answer this', details: { ref: 'r-1', action: 'join' } }],
  ])('by %s', (person, error) => {
    expect(checkDuplicateAnswer(dir, person, R1, 'r-1')).toEqual(error ? { ok: false, error } : { ok: true, value: undefined });
  });
});

describe('checkNote', () => {
  const long = 'x'.repeat(LOG_MAX + 1);
  it.each<[string, string, string, 'public' | 'private', unknown]>([
    ['a public note by the caller, trimmed', CALLER, '  hello \n', 'public', { ok: true, value: 'hello' }],
    ['a private note by an agent of the team', AGENT, 'inside', 'private', { ok: true, value: 'inside' }],
    ['exactly the limit', CALLER, ` ${'y'.repeat(LOG_MAX)} `, 'public', { ok: true, value: 'y'.repeat(LOG_MAX) }],
    ['empty', CALLER, '   ', 'public', { ok: false, error: { code: 'TICKET.FIELD_REQUIRED', message: 'the note is empty', details: { field: 'text' } } }],
    ['empty, before the permission', OTHER, '', 'private', { ok: false, error: { code: 'TICKET.FIELD_REQUIRED', message: 'the note is empty', details: { field: 'text' } } }],
    ['too long', CALLER, long, 'public',
      { ok: false, error: { code: 'TICKET.FIELD_TOO_LONG', message: 'the note is too long', details: { field: 'text', max: LOG_MAX } } }],
    ['a private note by the caller', CALLER, 'x', 'private',
      { ok: false, error: { code: 'TICKET.NOT_ALLOWED', message: 'not allowed to add a note to this ticket', details: { ref: 'R-000001', action: 'note' } } }],
    ['a public note by a stranger', OTHER, 'x', 'public',
      { ok: false, error: { code: 'TICKET.NOT_ALLOWED', message: 'not allowed to add a note to this ticket', details: { ref: 'R-000001', action: 'note' } } }],
  ])('%s', (_name, person, text, visibility, expected) => {
    expect(checkNote(dir, person, R1, text, visibility)).toEqual(expected);
  });
});
