/**
 * A ticket list (my requests, assigned to me, team queues, search): the filter form (GET, so a filtered list is a
 * link), the table, paging, and "save as shortcut" (docs/portal.md "Views", "Shortcuts").
 */
import type { PortalView, Viewer } from '../../application/portal/portal-service';
import type { Directory } from '../../domain/directory/directory';
import type { TicketPage } from '../../domain/ports/portal-store.port';
import { QUEUE_SORTS, queueQueryString, TICKET_KINDS, type QueueFilter, type QueueSort } from '../../domain/portal/queue-filter';
import { refOf, TICKET_STATES } from '../../domain/tickets/ticket';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { csrfField, esc, options, when } from './html';

export interface ListModel {
  c: PortalCatalog;
  viewer: Viewer;
  dir: Directory;
  view: PortalView;
  filter: QueueFilter;
  sort: QueueSort;
  page: number;
  result: TicketPage;
  csrf: string;
  zone: string;
}

function filterForm(m: ListModel): string {
  const { c, dir, filter, sort } = m;
  const services = dir.data.services.map((s) => ({ value: s.code, label: s.name }));
  const teamCodes = m.viewer.scope.all ? dir.data.teams.map((t) => t.code) : m.viewer.scope.teams;
  const teams = teamCodes.map((code) => ({ value: code, label: dir.team(code)?.name ?? code }));
  const state = filter.states?.length === 1 ? filter.states[0] : undefined;
  return `<form method="get" action="/app/${m.view}" class="filters" aria-label="${esc(c.section.filters)}" data-testid="filters">
<label>${esc(c.field.text)} <input type="search" name="q" value="${esc(filter.text ?? '')}" data-testid="filter-q"></label>
<label>${esc(c.field.state)} <select name="state" data-testid="filter-state">${options(TICKET_STATES.map((s) => ({ value: s, label: c.state[s] })), state, c.field.any)}</select></label>
<label>${esc(c.field.kind)} <select name="kind" data-testid="filter-kind">${options(TICKET_KINDS.map((k) => ({ value: k, label: c.kind[k] })), filter.kind, c.field.any)}</select></label>
<label>${esc(c.field.service)} <select name="service" data-testid="filter-service">${options(services, filter.service, c.field.any)}</select></label>
${teams.length ? `<label>${esc(c.field.team)} <select name="team" data-testid="filter-team">${options(teams, filter.team, c.field.any)}</select></label>` : ''}
<label>${esc(c.field.priority)} <select name="priority" data-testid="filter-priority">${options(([1, 2, 3, 4] as const).map((p) => ({ value: String(p), label: `${p} · ${c.priority[p]}` })), filter.priority ? String(filter.priority) : undefined, c.field.any)}</select></label>
<label class="check"><input type="checkbox" name="overdue" value="1"${filter.overdue ? ' checked' : ''} data-testid="filter-overdue"> ${esc(c.field.overdue)}</label>
<label class="check"><input type="checkbox" name="unassigned" value="1"${filter.unassigned ? ' checked' : ''} data-testid="filter-unassigned"> ${esc(c.field.unassigned)}</label>
<label>${esc(c.field.sort)} <select name="sort" data-testid="filter-sort">${options(QUEUE_SORTS.map((s) => ({ value: s, label: c.sort[s] })), sort)}</select></label>
<button type="submit" data-testid="apply-filters">${esc(c.button.apply)}</button>
</form>`;
}

function table(m: ListModel): string {
  const { c, dir, zone } = m;
  if (m.result.rows.length === 0) return `<p class="empty" data-testid="empty">${esc(c.page.empty)}</p>`;
  const rows = m.result.rows
    .map((t) => {
      const ref = refOf(t);
      const overdue = t.ttr.state === 'running' && t.ttr.deadline && t.ttr.deadline.getTime() < Date.now();
      return `<tr data-testid="ticket-row" data-ref="${esc(ref)}">
<td><a href="/app/t/${esc(ref)}">${esc(ref)}</a></td>
<td class="title">${esc(t.title)}</td>
<td><span class="state s-${esc(t.status)}">${esc(c.state[t.status])}</span></td>
<td>${esc(c.priority[t.priority])}</td>
<td>${esc(dir.service(t.service)?.name ?? t.service)}</td>
<td>${esc(dir.team(t.team)?.name ?? t.team)}</td>
<td>${esc(t.agent ? (dir.person(t.agent)?.name ?? t.agent) : c.field.none)}</td>
<td>${esc(when(t.createdAt, zone))}</td>
<td${overdue ? ' class="overdue"' : ''}>${esc(t.ttr.state === 'running' ? when(t.ttr.deadline, zone) : c.field.none)}</td>
</tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="tickets" data-testid="tickets">
<thead><tr><th scope="col">${esc(c.field.ref)}</th><th scope="col">${esc(c.field.title)}</th><th scope="col">${esc(c.field.state)}</th><th scope="col">${esc(c.field.priority)}</th><th scope="col">${esc(c.field.service)}</th><th scope="col">${esc(c.field.team)}</th><th scope="col">${esc(c.field.assignee)}</th><th scope="col">${esc(c.field.created)}</th><th scope="col">${esc(c.field.ttr)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function pager(m: ListModel): string {
  const qs = queueQueryString(m.filter, m.sort);
  const href = (page: number) => `/app/${m.view}?${qs}${qs ? '&' : ''}page=${page}`;
  const prev = m.page > 0 ? `<a href="${esc(href(m.page - 1))}" rel="prev">${esc(m.c.page.prev)}</a>` : '';
  const next = m.result.more ? `<a href="${esc(href(m.page + 1))}" rel="next" data-testid="next-page">${esc(m.c.page.next)}</a>` : '';
  return prev || next ? `<nav class="pager" aria-label="pages">${prev} ${next}</nav>` : '';
}

function saveShortcut(m: ListModel): string {
  const { c } = m;
  return `<details class="save-shortcut"><summary>${esc(c.section.saveShortcut)}</summary>
<form method="post" action="/app/api/shortcuts" data-testid="save-shortcut">${csrfField(m.csrf)}
<input type="hidden" name="query" value="${esc(queueQueryString(m.filter, m.sort))}">
<label>${esc(c.field.name)} <input name="name" required maxlength="80" data-testid="shortcut-name"></label>
<label class="check"><input type="checkbox" name="pinned" value="1" checked data-testid="shortcut-pinned"> ${esc(c.field.pinned)}</label>
<button type="submit" data-testid="shortcut-save">${esc(c.button.save)}</button>
</form></details>`;
}

export function renderList(m: ListModel): string {
  return `${filterForm(m)}${m.view === 'queue' || m.view === 'search' ? saveShortcut(m) : ''}${table(m)}${pager(m)}`;
}
