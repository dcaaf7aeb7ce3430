/**
 * The page frame: skip link, header with the menu (the views the viewer may use, their pinned shortcuts), the
 * language switch and sign-out (both POST forms with the CSRF token), then the content. One stylesheet and one
 * small script, both served by the bot (no CDN).
 */
import type { Viewer } from '../../application/portal/portal-service';
import type { Shortcut } from '../../domain/ports/portal-store.port';
import { queueQueryString } from '../../domain/portal/queue-filter';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { csrfField, esc } from './html';

export interface PageFrame {
  c: PortalCatalog;
  viewer: Viewer | null;
  csrf: string;
  pinned: Shortcut[];
  /** The nav entry to mark as current. */
  current?: string;
  /** A line above the content: done (status) or refused (alert). */
  flash?: { kind: 'ok' | 'error'; text: string };
}

export function renderPage(frame: PageFrame, title: string, body: string): string {
  const { c, viewer } = frame;
  const link = (href: string, key: string, label: string) =>
    `<a href="${href}"${frame.current === key ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
  const nav = viewer
    ? [
        link('/app/mine', 'mine', c.nav.mine),
        viewer.isAgent ? link('/app/assigned', 'assigned', c.nav.assigned) : '',
        viewer.isAgent || viewer.scope.orgs.length ? link('/app/queue', 'queue', c.nav.queue) : '',
        link('/app/search', 'search', c.nav.search),
        link('/app/shortcuts', 'shortcuts', c.nav.shortcuts),
        viewer.isLead ? link('/app/dashboard', 'dashboard', c.nav.dashboard) : '',
        viewer.isAdmin ? link('/app/admin/directory', 'directory', c.nav.directory) : '',
        viewer.isAdmin ? link('/app/admin/dead-letters', 'deadLetters', c.nav.deadLetters) : '',
        // the FAQ browser, the demand pool, the contracts report (docs/portal.md)
        link('/app/faq', 'faq', c.library.nav.faq),
        viewer.isAgent ? link('/app/demands', 'demands', c.library.nav.demands) : '',
        viewer.isAdmin ? link('/app/admin/contracts', 'contracts', c.library.nav.contracts) : '',
        ...frame.pinned.map((s) => `<a class="pinned" href="/app/queue?${esc(queueQueryString(s.filter, s.sort))}">★ ${esc(s.name)}</a>`),
      ]
        .filter(Boolean)
        .join('')
    : '';
  const tools = viewer
    ? `<form method="post" action="/app/api/locale" class="inline">${csrfField(frame.csrf)}<input type="hidden" name="locale" value="${c.lang === 'en' ? 'zh-CN' : 'en'}"><button type="submit" data-testid="switch-language">${esc(c.nav.language)}</button></form>
<form method="post" action="/app/auth/logout" class="inline">${csrfField(frame.csrf)}<button type="submit" data-testid="logout">${esc(c.nav.logout)}</button></form>
<span class="who" data-testid="who">${esc(viewer.person.name)}</span>`
    : '';
  const flash = frame.flash
    ? `<p class="flash ${frame.flash.kind}" role="${frame.flash.kind === 'error' ? 'alert' : 'status'}" data-testid="flash">${esc(frame.flash.text)}</p>`
    : '';
  return `<!doctype html>
<html lang="${esc(c.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${esc(frame.csrf)}">
<title>${esc(title)} · ${esc(c.appTitle)}</title>
<link rel="stylesheet" href="/app/assets/app.css">
</head>
<body>
<a class="skip" href="#main">${esc(c.page.skip)}</a>
<header>
  <a class="brand" href="/app/">${esc(c.appTitle)}</a>
  ${nav ? `<nav aria-label="${esc(c.nav.menu)}">${nav}</nav>` : ''}
  <div class="tools">${tools}</div>
</header>
<main id="main" tabindex="-1">
<h1>${esc(title)}</h1>
${flash}
${body}
</main>
<script src="/app/assets/app.js"></script>
</body>
</html>`;
}
