/**
 * The ticket page (docs/portal.md "Ticket page"): every field, the SLA clocks and deadlines, the actions the
 * viewer may take now (the card's, as POST forms carrying the CSRF token), linked tickets, the public log (and the
 * private log for the support team), and the full history with its entry points.
 */
import type { TicketView } from '../../application/portal/portal-service';
import type { Directory } from '../../domain/directory/directory';
import type { Stopwatch } from '../../domain/tickets/stopwatch';
import { refOf, RESOLUTION_CODES, type Ticket } from '../../domain/tickets/ticket';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { csrfField, duration, esc, options, when } from './html';

export interface TicketModel {
  c: PortalCatalog;
  dir: Directory;
  view: TicketView;
  csrf: string;
  zone: string;
}

function row(label: string, value: string, testid?: string): string {
  return `<tr><th scope="row">${esc(label)}</th><td${testid ? ` data-testid="${testid}"` : ''}>${value}</td></tr>`;
}

function clock(c: PortalCatalog, label: string, sw: Stopwatch, zone: string, testid: string): string {
  return `<tr data-testid="${testid}"><th scope="row">${esc(label)}</th><td>${esc(c.clock[sw.state])}</td><td>${esc(duration(sw.elapsed))} / ${esc(duration(sw.goal))}</td><td>${esc(sw.state === 'running' ? when(sw.deadline, zone) : c.field.none)}</td></tr>`;
}

/** `on`: the linked ticket a problem's per-ticket form acts on (`data-ticket`). */
function actionForm(m: TicketModel, action: string, label: string, inner: string, on?: string): string {
  const ref = refOf(m.view.ticket);
  return `<form method="post" action="/app/api/tickets/${esc(ref)}/${action}" class="action" data-testid="action-${action}"${on ? ` data-ticket="${esc(on)}"` : ''}>${csrfField(m.csrf)}${inner}<button type="submit">${esc(label)}</button></form>`;
}

function textInput(name: string, label: string, id: string, area = false): string {
  return area
    ? `<label for="${id}">${esc(label)}</label><textarea id="${id}" name="${name}" required maxlength="10000" rows="2"></textarea>`
    : `<label for="${id}">${esc(label)}</label><input id="${id}" name="${name}" required maxlength="1000">`;
}

function optionalArea(name: string, label: string, id: string): string {
  return `<label for="${id}">${esc(label)}</label><textarea id="${id}" name="${name}" maxlength="10000" rows="2"></textarea>`;
}

function actions(m: TicketModel): string {
  const { c, view } = m;
  const forms = view.actions.map((a) => {
    switch (a) {
      case 'claim':
      case 'resume':
        return actionForm(m, a, c.button[a], '');
      case 'assign':
        return actionForm(m, a, c.button.assign, `<label for="f-agent">${esc(c.field.agent)}</label><select id="f-agent" name="agent" required>${options(view.assignees.map((p) => ({ value: p.id, label: p.name })), undefined)}</select>`);
      case 'pend':
      case 'reopen':
        return actionForm(m, a, c.button[a], textInput('reason', c.field.reason, `f-${a}-reason`));
      case 'resolve':
        return actionForm(
          m,
          a,
          c.button.resolve,
          `${textInput('solution', c.field.solution, 'f-solution', true)}<label for="f-code">${esc(c.field.resolutionCode)}</label><select id="f-code" name="code">${options(RESOLUTION_CODES.map((r) => ({ value: r, label: c.resolutionCodes[r] })), 'other')}</select>`,
        );
      case 'close':
        return actionForm(m, a, c.button.close, `<label for="f-sat">${esc(c.field.satisfaction)}</label><select id="f-sat" name="satisfaction">${options([1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) })), undefined, c.field.none)}</select><label for="f-comment">${esc(c.field.comment)}</label><input id="f-comment" name="comment" maxlength="1000">`);
      case 'note':
      case 'note_private':
        return actionForm(m, a, c.button[a], textInput('text', c.button[a], `f-${a}`, true));
      // Problems (docs/domain.md §9): a root cause, and a workaround and/or a solution (the use case says which is missing).
      case 'problem_resolve':
        return actionForm(
          m,
          a,
          c.button[a],
          `${textInput('root_cause', c.field.rootCause, 'f-root-cause', true)}${optionalArea('workaround', c.field.workaround, 'f-workaround')}${optionalArea('solution', c.field.solution, 'f-problem-solution')}`,
        );
      case 'problem_link':
        return actionForm(m, a, c.button[a], textInput('ticket', c.field.linkTicket, 'f-link-ticket'));
      case 'problem_unlink':
        // One small form per linked ticket, with the list below (linked()).
        return '';
    }
  });
  return forms.some(Boolean) ? `<section aria-labelledby="h-actions"><h2 id="h-actions">${esc(c.section.actions)}</h2><div class="actions">${forms.join('')}</div></section>` : '';
}

function fields(m: TicketModel): string {
  const { c, dir, zone } = m;
  const t: Ticket = m.view.ticket;
  const person = (id: string | null) => (id ? esc(dir.person(id)?.name ?? id) : esc(c.field.none));
  const service = dir.service(t.service);
  return `<table class="fields" data-testid="fields">
${row(c.field.kind, esc(c.kind[t.kind]))}
${row(c.field.state, `<span class="state s-${esc(t.status)}">${esc(c.state[t.status])}</span>`, 'state')}
${row(c.field.description, `<div class="text">${esc(t.description)}</div>`)}
${row(c.field.service, esc(service?.name ?? t.service))}
${row(c.field.subcategory, esc(dir.subcategory(t.service, t.subcategory)?.name ?? t.subcategory))}
${row(c.field.priority, `${esc(c.priority[t.priority])} (${esc(c.field.impact)} ${t.impact}, ${esc(c.field.urgency)} ${t.urgency})`)}
${row(c.field.caller, person(t.caller))}
${row(c.field.org, esc(dir.org(t.org)?.name ?? t.org))}
${row(c.field.team, esc(dir.team(t.team)?.name ?? t.team))}
${row(c.field.assignee, person(t.agent), 'assignee')}
${row(c.field.origin, esc(t.origin))}
${row(c.field.contract, esc(t.contract ?? c.field.none))}
${row(c.field.sla, esc(t.sla ?? c.field.none))}
${row(c.field.created, esc(when(t.createdAt, zone)))}
${row(c.field.assigned, esc(when(t.assignedAt, zone)))}
${row(c.field.resolved, esc(when(t.resolvedAt, zone)))}
${row(c.field.closed, esc(when(t.closedAt, zone)))}
${row(c.field.updated, esc(when(t.lastUpdate, zone)))}
${t.pendingReason ? row(c.field.pendingReason, `<div class="text">${esc(t.pendingReason)}</div>`) : ''}
${t.solution ? row(c.field.solution, `<div class="text">${esc(t.solution)}</div>`) : ''}
${t.resolutionCode ? row(c.field.resolutionCode, esc(c.resolutionCodes[t.resolutionCode])) : ''}
${t.problem ? row(c.field.problem, problemLink(m), 'problem') : ''}
${t.kind === 'problem' && t.rootCause ? row(c.field.rootCause, `<div class="text">${esc(t.rootCause)}</div>`, 'root-cause') : ''}
${t.kind === 'problem' && t.workaround ? row(c.field.workaround, `<div class="text">${esc(t.workaround)}</div>`, 'workaround') : ''}
${t.satisfaction ? row(c.field.satisfaction, `${t.satisfaction}${t.satisfactionComment ? ` · ${esc(t.satisfactionComment)}` : ''}`) : ''}
</table>`;
}

/** A request's or incident's problem: its ref (a link), and its title and state when the viewer may see it. */
function problemLink(m: TicketModel): string {
  const { c, view } = m;
  if (!view.problemRef) return esc(c.field.none);
  return `<a href="/app/t/${esc(view.problemRef)}">${esc(view.problemRef)}</a>${view.problem ? ` ${esc(view.problem.title)} · ${esc(c.state[view.problem.status])}` : ''}`;
}

/** A problem's requests and incidents, each with Take out of problem for those who may. */
function problemTickets(m: TicketModel): string {
  const { c, view } = m;
  if (view.ticket.kind !== 'problem') return '';
  const unlink = view.actions.includes('problem_unlink');
  const items = view.problemTickets.map((t) => {
    const ref = refOf(t);
    const form = unlink ? actionForm(m, 'problem_unlink', c.button.problem_unlink, `<input type="hidden" name="ticket" value="${esc(ref)}">`, ref) : '';
    return `<li data-testid="problem-ticket" data-ref="${esc(ref)}"><a href="/app/t/${esc(ref)}">${esc(ref)}</a> ${esc(t.title)} · ${esc(c.state[t.status])}${form}</li>`;
  });
  return `<section aria-labelledby="h-problem-tickets"><h2 id="h-problem-tickets">${esc(c.field.problemTickets)}</h2>${
    items.length ? `<ul data-testid="problem-tickets">${items.join('')}</ul>` : `<p class="empty">${esc(c.field.none)}</p>`
  }</section>`;
}

function linked(m: TicketModel): string {
  const { c, view } = m;
  const items: string[] = [];
  if (view.parentRef) {
    items.push(`<li>${esc(c.field.parent)}: <a href="/app/t/${esc(view.parentRef)}">${esc(view.parentRef)}</a>${view.parent ? ` ${esc(view.parent.title)} · ${esc(c.state[view.parent.status])}` : ''}</li>`);
  }
  for (const t of view.children) items.push(`<li><a href="/app/t/${esc(refOf(t))}">${esc(refOf(t))}</a> ${esc(t.title)} · ${esc(c.state[t.status])}</li>`);
  return items.length ? `<section aria-labelledby="h-linked"><h2 id="h-linked">${esc(c.section.linked)}</h2><ul data-testid="linked">${items.join('')}</ul></section>` : '';
}

function logs(m: TicketModel): string {
  const { c, dir, zone, view } = m;
  const entry = (l: TicketView['logs'][number]) =>
    `<li><span class="meta">${esc(when(l.at, zone))} · ${esc(dir.person(l.author)?.name ?? l.author)}</span><div class="text">${esc(l.text)}</div></li>`;
  const pub = view.logs.filter((l) => l.visibility === 'public');
  const priv = view.logs.filter((l) => l.visibility === 'private');
  return `<section aria-labelledby="h-public"><h2 id="h-public">${esc(c.section.publicLog)}</h2><ol class="log" data-testid="public-log">${pub.map(entry).join('')}</ol></section>
${view.seesPrivate ? `<section aria-labelledby="h-private"><h2 id="h-private">${esc(c.section.privateLog)}</h2><ol class="log private" data-testid="private-log">${priv.map(entry).join('')}</ol></section>` : ''}`;
}

function history(m: TicketModel): string {
  const { c, dir, zone, view } = m;
  const rows = view.history
    .map((h) => {
      const changes = h.changes.map((ch) => `${esc(ch.field)}: ${esc(ch.from ?? '∅')} → ${esc(ch.to ?? '∅')}`).join('<br>');
      return `<tr><td>${esc(when(h.at, zone))}</td><td>${esc(dir.person(h.actor)?.name ?? h.actor)}</td><td>${esc(h.action)}</td><td>${esc(h.entryPoint)}</td><td>${changes}</td></tr>`;
    })
    .join('');
  return `<section aria-labelledby="h-history"><h2 id="h-history">${esc(c.section.history)}</h2><div class="scroll"><table class="history" data-testid="history">
<thead><tr><th scope="col">${esc(c.history.when)}</th><th scope="col">${esc(c.history.who)}</th><th scope="col">${esc(c.history.what)}</th><th scope="col">${esc(c.history.entryPoint)}</th><th scope="col">${esc(c.history.changes)}</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

export function renderTicket(m: TicketModel): string {
  const { c, zone } = m;
  const t = m.view.ticket;
  return `<div class="ticket" data-testid="ticket" data-ref="${esc(refOf(t))}">
<p class="subtitle">${esc(t.title)}</p>
${actions(m)}
<section aria-labelledby="h-fields"><h2 id="h-fields">${esc(c.section.fields)}</h2>${fields(m)}</section>
<section aria-labelledby="h-sla"><h2 id="h-sla">${esc(c.section.sla)}</h2><table class="sla" data-testid="sla">
<thead><tr><th scope="col"></th><th scope="col">${esc(c.field.state)}</th><th scope="col">${esc(c.field.elapsed)} / ${esc(c.field.goal)}</th><th scope="col">${esc(c.field.deadline)}</th></tr></thead>
<tbody>${clock(c, c.field.tto, t.tto, zone, 'tto')}${clock(c, c.field.ttr, t.ttr, zone, 'ttr')}</tbody></table></section>
${problemTickets(m)}
${linked(m)}
${logs(m)}
${history(m)}
</div>`;
}
