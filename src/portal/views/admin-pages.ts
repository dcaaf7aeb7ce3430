/** Administrators' pages: the directory as read-only tables, dead letters with a replay button each. */
import type { DirectoryData } from '../../domain/directory/directory.types';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { csrfField, esc } from './html';

function table(caption: string, head: string[], rows: string[][], testid: string): string {
  return `<section><h2>${esc(caption)}</h2><div class="scroll"><table data-testid="${testid}"><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table></div></section>`;
}

export function renderDirectory(c: PortalCatalog, d: DirectoryData): string {
  return [
    table(c.admin.people, [c.admin.id, c.field.name, c.field.org, c.admin.status, c.admin.profiles], d.people.map((p) => [p.id, p.name, p.org, p.status, p.profiles.join(', ')]), 'dir-people'),
    table(c.admin.teams, [c.admin.id, c.field.name, c.field.org, c.admin.members], d.teams.map((t) => [t.code, t.name, t.org, t.members.map((m) => `${m.person} (${m.role})`).join(', ')]), 'dir-teams'),
    table(c.admin.orgs, [c.admin.id, c.field.name, 'parent', 'lead'], d.organizations.map((o) => [o.code, o.name, o.parent ?? '', o.lead ?? '']), 'dir-orgs'),
    table(c.admin.services, [c.admin.id, c.field.name, c.field.team], d.services.map((s) => [s.code, s.name, s.team]), 'dir-services'),
    table(c.admin.contracts, [c.admin.id, 'customer', c.admin.status, 'SLA'], d.contracts.map((k) => [k.code, k.customer, k.status, k.sla]), 'dir-contracts'),
  ].join('');
}

export function renderDeadLetters(
  c: PortalCatalog,
  dead: { outbox: Array<{ id: number; what: string; error: string | null }>; notices: Array<{ id: number; what: string; error: string | null }> },
  csrf: string,
): string {
  const list = (kind: 'outbox' | 'notices', title: string, rows: typeof dead.outbox) =>
    `<section><h2>${esc(title)}</h2>${
      rows.length === 0
        ? `<p>${esc(c.page.noDeadLetters)}</p>`
        : `<ul data-testid="dead-${kind}">${rows
            .map((r) => `<li>#${r.id} ${esc(r.what)} ${r.error ? `<span class="meta">${esc(r.error)}</span>` : ''}<form method="post" action="/app/api/dead-letters/${kind}/${r.id}/replay" class="inline">${csrfField(csrf)}<button type="submit">${esc(c.button.replay)}</button></form></li>`)
            .join('')}</ul>`
    }</section>`;
  return list('outbox', c.admin.outbox, dead.outbox) + list('notices', c.admin.notices, dead.notices);
}
