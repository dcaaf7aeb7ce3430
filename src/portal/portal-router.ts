/**
 * The workbench page under `/app/` (docs/portal.md): sign-in by DingTalk auth code (`POST /app/auth/dingtalk`),
 * sign-out, the views (server-rendered HTML), and the page's writes under `/app/api/…`. Every page and write is
 * behind the session cookie; every write needs the session's CSRF token (header `X-CSRF-Token` or form field
 * `_csrf`), else 403 and nothing changes; every list and ticket is scoped by the view rule on the server.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { PAGE_ACTIONS, type PageAction, type PortalService, type PortalView, type Viewer } from '../application/portal/portal-service';
import type { Directory } from '../domain/directory/directory';
import type { DirectoryStore } from '../domain/ports/directory-store.port';
import type { Log } from '../domain/ports/log.port';
import type { Shortcut } from '../domain/ports/portal-store.port';
import { parseQueueFilter, queueQueryString } from '../domain/portal/queue-filter';
import type { Locale } from '../domain/shared/locale';
import type { DomainError } from '../domain/shared/result';
import { formatRef, parseRef } from '../domain/tickets/ticket';
import { APP_CSS, APP_JS, LOGIN_JS } from './assets/portal-assets';
import { fillIn, portalCatalog, type PortalCatalog } from './i18n/portal-catalog';
import { readForm } from './read-form';
import { refusalFromQuery, refusalQuery } from './refusal-query';
import { SESSION_COOKIE, SESSION_HOURS, SessionCodec, sameText, type Session } from './session';
import { renderDeadLetters, renderDirectory } from './views/admin-pages';
import { renderDashboard } from './views/dashboard-page';
import { renderBare, renderForbidden, renderNotFound } from './views/error-page';
import { renderPage, type PageFrame } from './views/layout';
import { renderList } from './views/list-page';
import { renderLogin } from './views/login-page';
import { renderShortcuts } from './views/shortcuts-page';
import { renderTicket } from './views/ticket-page';
import { renderContracts, renderDemands, renderFaq } from './views/library-pages';
import { DEMAND_STATES, type DemandState } from '../domain/demands/demand';

export interface PortalRouterDeps {
  portal: PortalService;
  directory: DirectoryStore;
  /** SESSION_SECRET (≥ 32 characters) or a random key per start in demo mode. */
  sessionSecret: string;
  /** `Secure` cookies (PUBLIC_URL is https). */
  secureCookies: boolean;
  /** DINGTALK_CORP_ID (the JSAPI asks DingTalk for a code of this organisation). */
  corpId: string;
  /** Scripts providing DingTalk's JSAPI (`dd`) to the sign-in page; in demo mode the emulator's stub. */
  jsapiScripts: readonly string[];
  /** DingTalk's JSAPI bundled from npm, served as `/app/assets/dingtalk-jsapi.js` (null: not served). */
  jsapiBundle?: string | null;
  defaultLocale: Locale;
  /**
   * A refused ticket action as one sentence in `locale`: the card's own (composed in main.ts from the bot's
   * catalogs), so the page and the card say the same for the same refusal (docs/portal.md "Actions").
   */
  refusal: (error: DomainError, locale: Locale, dir: Directory | null) => string;
  now: () => number;
  log: Log;
}

interface Signed {
  session: Session;
  locale: Locale;
  viewer: Viewer;
  c: PortalCatalog;
  dir: Directory;
  zone: string;
}

const LIST_VIEWS: readonly PortalView[] = ['mine', 'assigned', 'queue', 'search'];

export function createPortalRouter(deps: PortalRouterDeps): Router {
  const codec = new SessionCodec(deps.sessionSecret);
  const router = new Router({ prefix: '/app' });

  const setCookie = (ctx: Context, value: string | null) => {
    ctx.cookies.set(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      path: '/app',
      maxAge: value ? SESSION_HOURS * 3600_000 : 0,
      overwrite: true,
    });
  };
  const sessionOf = (ctx: Context) => codec.decode(ctx.cookies.get(SESSION_COOKIE), deps.now());
  const catalogFor = (session: Session | null, person?: { locale: Locale | null }) =>
    portalCatalog(session?.locale ?? person?.locale ?? deps.defaultLocale);

  const html = (ctx: Context, status: number, body: string) => {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };

  /** The signed-in viewer, or null after answering (sign-in page for GET, 401 for writes). */
  const signedIn = async (ctx: Context): Promise<Signed | null> => {
    const session = sessionOf(ctx);
    const viewer = session ? await deps.portal.viewer(session.person) : null;
    const dir = await deps.directory.current();
    if (!session || !viewer || !dir) {
      const c = catalogFor(null);
      if (ctx.method === 'GET') html(ctx, 200, renderLogin(c, deps.corpId, deps.jsapiScripts));
      else html(ctx, 401, renderBare(c, c.appTitle, c.page.sessionEnded));
      return null;
    }
    const locale = session.locale ?? viewer.person.locale ?? deps.defaultLocale;
    return { session, locale, viewer, c: portalCatalog(locale), dir, zone: viewer.person.timezone ?? dir.timezone };
  };

  const frameOf = async (s: Signed, current?: string, flash?: PageFrame['flash']): Promise<PageFrame> => ({
    c: s.c,
    viewer: s.viewer,
    csrf: s.session.csrf,
    pinned: (await deps.portal.shortcuts(s.viewer)).filter((x: Shortcut) => x.pinned),
    current,
    flash,
  });

  /** A write: signed in and carrying the CSRF token, or answered 401/403 (nothing changed). */
  const writer = async (ctx: Context): Promise<{ s: Signed; form: Record<string, string> } | null> => {
    const s = await signedIn(ctx);
    if (!s) return null;
    const form = await readForm(ctx.req, ctx.get('content-type'));
    const token = ctx.get('x-csrf-token') || form._csrf || '';
    if (!token || !sameText(token, s.session.csrf)) {
      deps.log.warn('portal.csrf_refused', { person: s.viewer.person.id, path: ctx.path });
      html(ctx, 403, renderBare(s.c, s.c.page.forbiddenTitle, s.c.page.csrf));
      return null;
    }
    return { s, form };
  };

  /** After a write: JSON for API callers (the header), else back to the page (303) with its flash. */
  const answer = (ctx: Context, to: string, flash: Record<string, string>, status = 200, json: unknown = { ok: true }) => {
    if (ctx.get('x-csrf-token')) {
      ctx.status = status;
      ctx.body = json;
      return;
    }
    const q = new URLSearchParams(flash).toString();
    ctx.status = 303;
    ctx.redirect(`${to}${q ? (to.includes('?') ? '&' : '?') + q : ''}`);
  };

  const flashOf = (ctx: Context, s: Signed): PageFrame['flash'] => {
    const c = s.c;
    const q = ctx.query;
    const ref = typeof q.ref === 'string' ? q.ref : '';
    if (typeof q.ok === 'string' && (PAGE_ACTIONS as readonly string[]).includes(q.ok)) {
      return { kind: 'ok', text: fillIn(c.done[q.ok as PageAction], { ref }) };
    }
    if (q.ok === 'shortcut') return { kind: 'ok', text: c.page.shortcutSaved };
    if (q.ok === 'replayed') return { kind: 'ok', text: c.page.replayed };
    // A refused ticket action (after the redirect): the card's sentence, from the code and its details.
    if (typeof q.err === 'string' && typeof q.a === 'string' && (PAGE_ACTIONS as readonly string[]).includes(q.a)) {
      return { kind: 'error', text: deps.refusal(refusalFromQuery(q.err, q), s.locale, s.dir) };
    }
    // The page's own refusals (a shortcut without a name).
    if (typeof q.err === 'string') {
      const sentence = c.errors[q.err as keyof PortalCatalog['errors']] ?? c.genericError;
      return { kind: 'error', text: fillIn(sentence, { ref, code: q.err, field: typeof q.f === 'string' ? q.f : '', max: typeof q.max === 'string' ? q.max : '' }) };
    }
    return undefined;
  };

  // ---- assets and sign-in ------------------------------------------------------------------------------------
  const asset = (type: string, body: string) => (ctx: Context) => {
    ctx.type = type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = body;
  };
  router.get('/assets/app.css', asset('text/css; charset=utf-8', APP_CSS));
  router.get('/assets/app.js', asset('application/javascript; charset=utf-8', APP_JS));
  router.get('/assets/login.js', asset('application/javascript; charset=utf-8', LOGIN_JS));
  if (deps.jsapiBundle) router.get('/assets/dingtalk-jsapi.js', asset('application/javascript; charset=utf-8', deps.jsapiBundle));

  router.post('/auth/dingtalk', async (ctx) => {
    const form = await readForm(ctx.req, ctx.get('content-type'));
    const result = await deps.portal.signIn(form.code ?? '');
    const c = catalogFor(null);
    if (!result.ok) {
      deps.log.info('portal.sign_in_refused', { reason: result.error });
      ctx.status = 403;
      ctx.body = { error: result.error === 'unknown_person' ? c.page.unknownPerson : c.page.signInFailed };
      return;
    }
    const session = codec.create(result.value.id, result.value.locale, deps.now());
    setCookie(ctx, codec.encode(session));
    deps.log.info('portal.signed_in', { person: result.value.id });
    ctx.body = { ok: true, person: result.value.id };
  });

  router.post('/auth/logout', async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    setCookie(ctx, null);
    html(ctx, 200, renderBare(w.s.c, w.s.c.appTitle, w.s.c.page.loggedOut));
  });

  router.post('/api/locale', async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    const locale: Locale = w.form.locale === 'en' ? 'en' : 'zh-CN';
    setCookie(ctx, codec.encode({ ...w.s.session, locale }));
    answer(ctx, safeBack(ctx), {});
  });

  // ---- lists -------------------------------------------------------------------------------------------------
  router.get('/', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    ctx.redirect(s.viewer.isAgent ? '/app/queue' : '/app/mine');
  });

  for (const view of LIST_VIEWS) router.get(`/${view}`, async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const { filter, sort } = parseQueueFilter(ctx.query);
    if (view === 'search' && filter.text) {
      const exact = await deps.portal.exactRef(s.viewer, filter.text);
      if (exact) return ctx.redirect(`/app/t/${exact}`);
    }
    const page = Math.max(0, Math.min(10_000, Number(ctx.query.page) || 0));
    const result = await deps.portal.list(s.viewer, view, filter, sort, page);
    const body = renderList({ c: s.c, viewer: s.viewer, dir: s.dir, view, filter, sort, page, result, csrf: s.session.csrf, zone: s.zone });
    html(ctx, 200, renderPage(await frameOf(s, view, flashOf(ctx, s)), s.c.viewTitle[view], body));
  });

  // ---- one ticket --------------------------------------------------------------------------------------------
  router.get('/t/:ref', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const parsed = parseRef(ctx.params.ref ?? '');
    // The menu's shortcuts and the ticket are read side by side (docs/portal.md "Ticket page": one round trip each).
    const [frame, got] = await Promise.all([frameOf(s, undefined, flashOf(ctx, s)), parsed ? deps.portal.ticket(s.viewer, formatRef(parsed.kind, parsed.id)) : null]);
    if (!parsed || !got) return html(ctx, 404, renderNotFound(frame));
    const ref = formatRef(parsed.kind, parsed.id);
    if (!got.ok) {
      // Another org's ticket, or one that does not exist: the same 403 page (nothing says which).
      deps.log.info('portal.ticket_refused', { person: s.viewer.person.id, ref, code: got.error.code });
      return html(ctx, got.error.code === 'TICKET.NOT_ALLOWED' || got.error.code === 'TICKET.NOT_FOUND' ? 403 : 400, renderForbidden(frame));
    }
    html(ctx, 200, renderPage(frame, refOfView(got.value.ticket), renderTicket({ c: s.c, dir: s.dir, view: got.value, csrf: s.session.csrf, zone: s.zone })));
  });

  router.post('/api/tickets/:ref/:action', async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    const parsed = parseRef(ctx.params.ref ?? '');
    const action = ctx.params.action as PageAction;
    if (!parsed || !(PAGE_ACTIONS as readonly string[]).includes(action)) {
      ctx.status = 404;
      ctx.body = { error: w.s.c.page.notFound };
      return;
    }
    const ref = formatRef(parsed.kind, parsed.id);
    const result = await deps.portal.act(w.s.viewer, ref, action, w.form);
    const back = `/app/t/${ref}`;
    if (result.ok) {
      deps.log.info('portal.action_done', { person: w.s.viewer.person.id, ticketRef: ref, action });
      return answer(ctx, back, { ok: action, ref });
    }
    const e: DomainError = result.error;
    deps.log.info('portal.action_refused', { person: w.s.viewer.person.id, ticketRef: ref, action, code: e.code });
    const flash: Record<string, string> = { err: e.code, a: action, ref, ...refusalQuery(e) };
    const status = e.code === 'TICKET.NOT_ALLOWED' || e.code === 'PROBLEM.NOT_ALLOWED' ? 403 : 409;
    answer(ctx, back, flash, status, { error: e.code, message: deps.refusal(e, w.s.locale, w.s.dir) });
  });

  // ---- shortcuts ---------------------------------------------------------------------------------------------
  router.get('/shortcuts', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const list = await deps.portal.shortcuts(s.viewer);
    html(ctx, 200, renderPage(await frameOf(s, 'shortcuts', flashOf(ctx, s)), s.c.nav.shortcuts, renderShortcuts(s.c, list, s.session.csrf)));
  });

  router.post('/api/shortcuts', async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    const { filter, sort } = parseQueueFilter(Object.fromEntries(new URLSearchParams(w.form.query ?? '')));
    const saved = await deps.portal.saveShortcut(w.s.viewer, w.form.name ?? '', filter, sort, w.form.pinned === '1');
    if (!saved.ok) return answer(ctx, `/app/queue?${queueQueryString(filter, sort)}`, { err: saved.error.code, f: w.s.c.field.name }, 400, { error: saved.error.code });
    answer(ctx, '/app/shortcuts', { ok: 'shortcut' }, 200, { ok: true, id: saved.value.id });
  });

  for (const op of ['pin', 'delete'] as const) router.post(`/api/shortcuts/:id/${op}`, async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return answer(ctx, '/app/shortcuts', {}, 404, { error: 'not found' });
    const done = op === 'pin' ? await deps.portal.pinShortcut(w.s.viewer, id, w.form.pinned === '1') : await deps.portal.deleteShortcut(w.s.viewer, id);
    answer(ctx, '/app/shortcuts', {}, done ? 200 : 404, done ? { ok: true } : { error: 'not found' });
  });

  // ---- dashboard and administration -------------------------------------------------------------------------
  router.get('/dashboard', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const d = await deps.portal.dashboard(s.viewer);
    const frame = await frameOf(s, 'dashboard');
    if (!d.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.dash.title, renderDashboard(s.c, s.dir, d.value)));
  });

  router.get('/admin/directory', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const d = await deps.portal.directoryData(s.viewer);
    const frame = await frameOf(s, 'directory');
    if (!d.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.nav.directory, renderDirectory(s.c, d.value)));
  });

  router.get('/admin/dead-letters', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const d = await deps.portal.deadLetters(s.viewer);
    const frame = await frameOf(s, 'deadLetters', flashOf(ctx, s));
    if (!d.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.nav.deadLetters, renderDeadLetters(s.c, d.value, s.session.csrf)));
  });

  router.post('/api/dead-letters/:kind/:id/replay', async (ctx) => {
    const w = await writer(ctx);
    if (!w) return;
    const r = await deps.portal.replayDeadLetter(w.s.viewer, ctx.params.kind ?? '', Number(ctx.params.id));
    if (!r.ok) return html(ctx, 403, renderForbidden(await frameOf(w.s)));
    answer(ctx, '/app/admin/dead-letters', r.value ? { ok: 'replayed' } : {}, r.value ? 200 : 404, { replayed: r.value });
  });

  // ---- the FAQ browser, the demand pool, the contracts report -----------------------------------------------------
  router.get('/faq', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const words = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    const got = await deps.portal.faq(s.viewer, words);
    const frame = await frameOf(s, 'faq');
    if (!got.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.library.nav.faq, renderFaq(s.c, s.dir, { words, ...got.value })));
  });

  router.get('/demands', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const q = ctx.query.state;
    const state = typeof q === 'string' && (DEMAND_STATES as readonly string[]).includes(q) ? (q as DemandState) : undefined;
    const got = await deps.portal.demands(s.viewer, state);
    const frame = await frameOf(s, 'demands');
    if (!got.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.library.nav.demands, renderDemands(s.c, s.dir, { state, demands: got.value, zone: s.zone })));
  });

  router.get('/admin/contracts', async (ctx) => {
    const s = await signedIn(ctx);
    if (!s) return;
    const got = await deps.portal.contracts(s.viewer);
    const frame = await frameOf(s, 'contracts');
    if (!got.ok) return html(ctx, 403, renderForbidden(frame));
    html(ctx, 200, renderPage(frame, s.c.library.nav.contracts, renderContracts(s.c, got.value)));
  });

  return router;
}

function refOfView(t: { kind: 'request' | 'incident' | 'problem'; id: number }): string {
  return formatRef(t.kind, t.id);
}

/** Where a write returns: the page it came from when it is one of ours, else the home page. */
function safeBack(ctx: Context): string {
  const ref = ctx.get('referer');
  try {
    const u = new URL(ref);
    if (u.host === ctx.host && u.pathname.startsWith('/app/')) return u.pathname + u.search;
  } catch {
    // no or bad Referer
  }
  return '/app/';
}
