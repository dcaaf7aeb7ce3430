/**
 * The FAQ browser, the demand pool and the administrators' contracts report (docs/portal.md "FAQ", "Demand pool",
 * "Contracts report"): what the use cases return, scoped on the server; every value from data goes through `esc`.
 */
import { DEMAND_STATES, formatDemandRef, type Demand, type DemandState } from '../../domain/demands/demand';
import type { Directory } from '../../domain/directory/directory';
import type { ContractsReport } from '../../domain/directory/contracts-report';
import { formatFaqRef, type FaqEntry } from '../../domain/faq/faq';
import { parseRef } from '../../domain/tickets/ticket';
import { fillIn, type PortalCatalog } from '../i18n/portal-catalog';
import type { PortalLibraryCatalog } from '../i18n/portal-library.types';
import { esc, options, when } from './html';

const serviceName = (dir: Directory, code: string) => dir.service(code)?.name ?? code;

export function renderFaq(c: PortalCatalog, dir: Directory, m: { words: string; entries: FaqEntry[]; manages: string[] }): string {
  const l = c.library;
  const form = `<form method="get" action="/app/faq" class="filters" role="search" data-testid="faq-search">
<label>${esc(l.faq.words)} <input type="search" name="q" value="${esc(m.words)}" maxlength="200" data-testid="faq-q"></label>
<button type="submit">${esc(l.faq.search)}</button>
</form>`;
  if (m.entries.length === 0) return `${form}<p data-testid="faq-empty">${esc(m.words.trim() ? l.faq.noMatch : l.faq.empty)}</p>`;
  const entries = m.entries
    .map((e) => {
      const counters = m.manages.includes(e.service)
        ? `<dl class="counters" data-testid="faq-counters"><dt>${esc(l.faq.shown)}</dt><dd>${e.shown}</dd><dt>${esc(l.faq.solved)}</dt><dd>${e.solved}</dd><dt>${esc(l.faq.stillHelp)}</dt><dd>${e.stillHelp}</dd></dl>`
        : '';
      return `<article class="faq" data-testid="faq-entry" data-ref="${formatFaqRef(e.id)}" data-service="${esc(e.service)}">
<h2><span class="meta">${formatFaqRef(e.id)}</span> ${esc(e.question)}</h2>
<p class="meta">${esc(l.faq.service)}: ${esc(serviceName(dir, e.service))}</p>
<p class="text">${esc(e.answer)}</p>
${counters}
</article>`;
    })
    .join('');
  return `${form}<p>${esc(l.faq.hint)}</p>${entries}`;
}

/** A source ref links to its ticket page (which applies the view rule itself). */
function sourceLink(ref: string): string {
  return parseRef(ref) ? `<a href="/app/t/${esc(ref)}" data-testid="demand-source">${esc(ref)}</a>` : esc(ref);
}

export function renderDemands(c: PortalCatalog, dir: Directory, m: { state: DemandState | undefined; demands: Demand[]; zone: string }): string {
  const l = c.library;
  const form = `<form method="get" action="/app/demands" class="filters" data-testid="demand-filters">
<label>${esc(l.demand.state)} <select name="state" data-testid="demand-state">${options(DEMAND_STATES.map((s) => ({ value: s, label: l.demandState[s] })), m.state, l.demand.any)}</select></label>
<button type="submit">${esc(c.button.apply)}</button>
</form>`;
  if (m.demands.length === 0) return `${form}<p data-testid="demands-empty">${esc(l.demand.empty)}</p>`;
  const head = [l.demand.ref, l.demand.title, l.demand.state, l.demand.service, l.demand.team, l.demand.caller, l.demand.votes, l.demand.sources, l.demand.created];
  const rows = m.demands
    .map((d) => {
      const ref = formatDemandRef(d.id);
      return `<tr data-testid="demand-row" data-ref="${ref}"><td>${ref}</td><td class="title">${esc(d.title)}</td><td>${esc(l.demandState[d.state] ?? d.state)}</td>
<td>${esc(serviceName(dir, d.service))}</td><td>${esc(dir.team(d.team)?.name ?? d.team)}</td><td>${esc(dir.person(d.caller)?.name ?? d.caller)}</td>
<td>${d.votes}</td><td>${d.sourceRefs.map(sourceLink).join(' ')}</td><td>${esc(when(d.createdAt, m.zone))}</td></tr>`;
    })
    .join('');
  return `${form}<p>${esc(l.demand.hint)}</p><div class="scroll"><table class="tickets" data-testid="demands"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** A reason of the report in the page's language (`contract ended 2026-01-31` → its sentence with the date). */
export function reasonText(l: PortalLibraryCatalog, reason: string): string {
  const dated = /^(contract ended|contract starts) (\d{4}-\d{2}-\d{2})$/.exec(reason);
  if (dated) return fillIn(l.reason[dated[1] as 'contract ended' | 'contract starts'], { date: dated[2]! });
  return (l.reason as Record<string, string>)[reason] ?? reason;
}

export function renderContracts(c: PortalCatalog, report: ContractsReport): string {
  const l = c.library;
  if (report.orgs.length === 0) return `<p data-testid="contracts-empty">${esc(l.contracts.empty)}</p>`;
  const head = [l.contracts.org, l.contracts.people, l.contracts.contracts, l.contracts.can, l.contracts.cannot];
  const rows = report.orgs
    .map((o) => {
      const can = o.can.map((s) => `<li>${esc(s.name)} <span class="meta">${esc(s.service)}</span></li>`).join('');
      const cannot = o.cannot.map((s) => `<li data-testid="contracts-cannot" data-service="${esc(s.service)}">${esc(s.name)} <span class="meta">${esc(s.service)}</span>: ${esc(reasonText(l, s.reason))}</li>`).join('');
      const nothing = !can && !cannot ? `<p>${esc(l.contracts.nothing)}</p>` : '';
      return `<tr data-testid="contracts-org" data-org="${esc(o.org)}"><td class="title">${esc(o.name)} <span class="meta">${esc(o.org)}</span></td><td>${o.people}</td>
<td>${esc(o.contracts.join(', ') || l.contracts.none)}</td><td>${can ? `<ul>${can}</ul>` : nothing || esc(l.contracts.none)}</td><td>${cannot ? `<ul>${cannot}</ul>` : esc(l.contracts.none)}</td></tr>`;
    })
    .join('');
  return `<p>${esc(l.contracts.hint)}</p><p class="meta" data-testid="contracts-date">${esc(l.contracts.date)} ${esc(report.date)}</p>
<div class="scroll"><table class="tickets" data-testid="contracts-report"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
