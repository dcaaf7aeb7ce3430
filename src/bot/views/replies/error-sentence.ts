/**
 * A domain error (`{code, details}`) as one sentence in the reader's language: the catalog's template for the
 * code, filled with names the reader knows (the winner's name, not a person id; the state in words).
 */
import type { Directory } from '../../../domain/directory/directory';
import type { DomainError } from '../../../domain/shared/result';
import { TICKET_STATES, type TicketState } from '../../../domain/tickets/ticket';
import type { BotCatalog } from './bot-catalog';
import { fill, oneLine } from './plain-text';

const NAME_MAX = 60;

function detail(error: DomainError, key: string): string | undefined {
  const v = error.details?.[key];
  if (v === null || v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : String(v);
}

export function errorSentence(error: DomainError, catalog: BotCatalog, dir: Directory | null): string {
  const template = catalog.error[error.code];
  if (!template) return fill(catalog.errorFallback, { code: error.code });
  const name = (personId: string | undefined) =>
    personId ? oneLine(dir?.person(personId)?.name ?? personId, NAME_MAX, catalog.format.ellipsis) : '';
  const state = detail(error, 'state');
  const action = detail(error, 'action');
  const field = detail(error, 'field');
  const service = detail(error, 'service');
  const org = detail(error, 'org');
  const team = detail(error, 'team');
  return fill(template, {
    ref: detail(error, 'ref') ?? '',
    agent: name(detail(error, 'agent')),
    state: state && (TICKET_STATES as readonly string[]).includes(state) ? catalog.state[state as TicketState] : (state ?? ''),
    action: action ? (catalog.action[action] ?? action) : '',
    field: field ? (catalog.field[field] ?? field) : '',
    max: detail(error, 'max') ?? '',
    service: service ? (detail(error, 'serviceName') ?? dir?.service(service)?.name ?? service) : '',
    org: detail(error, 'orgName') ?? (org ? (dir?.org(org)?.name ?? org) : ''),
    // Changes (docs/changes.md): the step's name, its team's name, the template code.
    step: detail(error, 'step') ?? '',
    team: team ? (dir?.team(team)?.name ?? team) : '',
    template: detail(error, 'template') ?? '',
    // Problems (docs/domain.md §9)
    problem: detail(error, 'problem') ?? '',
  });
}
