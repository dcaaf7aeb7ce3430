/** 403 / 404 pages: a sentence saying what to do, and nothing about the ticket asked for. */
import type { PortalCatalog } from '../i18n/portal-catalog';
import { renderPage, type PageFrame } from './layout';
import { esc } from './html';

export function renderForbidden(frame: PageFrame): string {
  return renderPage(frame, frame.c.page.forbiddenTitle, `<p data-testid="forbidden">${esc(frame.c.page.forbidden)}</p><p><a href="/app/">${esc(frame.c.nav.mine)}</a></p>`);
}

export function renderNotFound(frame: PageFrame): string {
  return renderPage(frame, frame.c.page.notFoundTitle, `<p data-testid="not-found">${esc(frame.c.page.notFound)}</p><p><a href="/app/search">${esc(frame.c.nav.search)}</a></p>`);
}

/** A bare page for a refused write (CSRF) or an ended session: no frame, no data. */
export function renderBare(c: PortalCatalog, title: string, text: string): string {
  return `<!doctype html><html lang="${esc(c.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/app/assets/app.css"></head><body><main id="main"><h1>${esc(title)}</h1><p role="alert" data-testid="bare-message">${esc(text)}</p><p><a href="/app/">${esc(c.appTitle)}</a></p></main></body></html>`;
}
