/** The person's shortcuts (快捷方式): open, pin/unpin, delete (docs/portal.md "Shortcuts"). */
import type { Shortcut } from '../../domain/ports/portal-store.port';
import { queueQueryString } from '../../domain/portal/queue-filter';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { csrfField, esc } from './html';

export function renderShortcuts(c: PortalCatalog, shortcuts: Shortcut[], csrf: string): string {
  if (shortcuts.length === 0) return `<p data-testid="no-shortcuts">${esc(c.page.noShortcuts)}</p>`;
  const rows = shortcuts
    .map(
      (s) => `<li data-testid="shortcut" data-name="${esc(s.name)}">
<a href="/app/queue?${esc(queueQueryString(s.filter, s.sort))}">${s.pinned ? '★ ' : ''}${esc(s.name)}</a>
<form method="post" action="/app/api/shortcuts/${s.id}/pin" class="inline">${csrfField(csrf)}<input type="hidden" name="pinned" value="${s.pinned ? '0' : '1'}"><button type="submit">${esc(s.pinned ? c.button.unpin : c.button.pin)}</button></form>
<form method="post" action="/app/api/shortcuts/${s.id}/delete" class="inline">${csrfField(csrf)}<button type="submit">${esc(c.button.delete)}</button></form>
</li>`,
    )
    .join('');
  return `<p>${esc(c.page.shortcutsHint)}</p><ul class="shortcuts" data-testid="shortcuts">${rows}</ul>`;
}
