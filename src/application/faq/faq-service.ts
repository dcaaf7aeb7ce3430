/**
 * The FAQ application API (docs/domain.md §8) used by the chat layer and scripts: the entries that answer a
 * caller's message before filing, search, the counters (stored and on /metrics), the statistics and the
 * publish / retire decisions of problem managers. Permissions are re-checked here, never trusted from a card.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import { eligibleOfferings } from '../../domain/directory/eligibility';
import { FAQ_ANSWER_MAX, FAQ_QUESTION_MAX, formatFaqRef, neutraliseFaqText, type FaqCounter, type FaqEntry } from '../../domain/faq/faq';
import { bestFaqs, DEFAULT_FAQ_THRESHOLD, FAQ_OFFER_MAX, type FaqMatch } from '../../domain/similarity/faq-match';
import { faqPublishers, faqServicesManagedBy, mayManageFaq, mayProposeFaq } from '../../domain/faq/faq-permissions';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import type { Clock } from '../../domain/ports/clock.port';
import type { FaqMetrics } from '../../domain/ports/faq-metrics.port';
import { noFaqMetrics } from '../../domain/ports/faq-metrics.port';
import type { FaqStore } from '../../domain/ports/faq-store.port';
import { fail, ok, type Result } from '../../domain/shared/result';

/** Search (`faq <words>`) shows the best entries above this lower bar: the asker reads and judges them. */
export const FAQ_SEARCH_MIN_SCORE = 0.2;
/** The workbench page lists at most this many entries at once. */
export const FAQ_BROWSE_MAX = 200;

export interface FaqServiceDeps {
  store: FaqStore;
  clock: Clock;
  metrics?: FaqMetrics;
  /** FAQ_THRESHOLD (default `DEFAULT_FAQ_THRESHOLD`, chosen by `npm run eval:faq`). */
  threshold?: number;
  /** The team of the problem (`P-…`) an entry was made from, else null (docs/domain.md §9); absent → none. */
  problemTeamOf?: (ref: string) => Promise<string | null>;
  /**
   * FAQ_CACHE_SECONDS × 1000: how long the published entries matched against every chat message are kept (0 or
   * absent: read each time). This process's own writes drop them at once; another process's (an import, a
   * publish elsewhere) show within this time. Search and the page's browser always read.
   */
  intakeCacheMs?: number;
}

export class FaqService {
  readonly threshold: number;
  private readonly metrics: FaqMetrics;

  /** All published entries, read at `at` (ms): every caller's service set is a filter of them. */
  private intakeCache: { at: number; entries: Promise<FaqEntry[]> } | null = null;

  constructor(private readonly deps: FaqServiceDeps) {
    this.threshold = deps.threshold ?? DEFAULT_FAQ_THRESHOLD;
    this.metrics = deps.metrics ?? noFaqMetrics;
  }

  /** The services `caller` may use today (the FAQ a caller is shown is limited to them). */
  private servicesOf(dir: Directory, caller: Person): string[] {
    return [...new Set(eligibleOfferings(dir, caller, this.deps.clock.now()).map((o) => o.service.code))];
  }

  /** The published entries that answer `text` for `caller` (at or above the threshold), best first, at most three. */
  async answersFor(dir: Directory, caller: Person, text: string): Promise<FaqMatch<FaqEntry>[]> {
    const services = this.servicesOf(dir, caller);
    if (services.length === 0) return [];
    return bestFaqs(text, await this.publishedForIntake(services), this.threshold);
  }

  /** `published(services)`, from the kept entries while they are fresh (docs/domain.md §8 "FAQ before filing"). */
  private async publishedForIntake(services: readonly string[]): Promise<FaqEntry[]> {
    const ttl = this.deps.intakeCacheMs ?? 0;
    if (ttl <= 0) return this.deps.store.published(services);
    const now = this.deps.clock.now().getTime();
    if (!this.intakeCache || now - this.intakeCache.at >= ttl || now < this.intakeCache.at) {
      const entries = this.deps.store.published(null);
      this.intakeCache = { at: now, entries };
      // A failed read is not kept: the next message reads again.
      entries.catch(() => {
        if (this.intakeCache?.entries === entries) this.intakeCache = null;
      });
    }
    const wanted = new Set(services);
    return (await this.intakeCache.entries).filter((e) => wanted.has(e.service));
  }

  /** `faq <words>`: the best published entries of the asker's services, above a lower bar. */
  async search(dir: Directory, asker: Person, words: string): Promise<FaqMatch<FaqEntry>[]> {
    const services = dir.hasProfile(asker.id, 'administrator') ? null : this.servicesOf(dir, asker);
    return bestFaqs(words, await this.deps.store.published(services), FAQ_SEARCH_MIN_SCORE, FAQ_OFFER_MAX);
  }

  get(id: number): Promise<FaqEntry | null> {
    return this.deps.store.get(id);
  }

  /** Count one event of entry `entry` (stored, and on /metrics). A failed count never stops the caller's answer. */
  async count(entry: FaqEntry, counter: FaqCounter): Promise<void> {
    this.metrics.counted(counter, formatFaqRef(entry.id), entry.service);
    await this.deps.store.count(entry.id, counter);
  }

  /** `faq stats`: the entries of the services the asker manages (problem manager of their team, or administrator). */
  async stats(dir: Directory, personId: string): Promise<Result<FaqEntry[]>> {
    const services = faqServicesManagedBy(dir, personId);
    if (services.length === 0) return fail('FAQ.NOT_ALLOWED', 'only problem managers and administrators see FAQ statistics');
    const entries = await this.deps.store.all();
    return ok(entries.filter((e) => services.includes(e.service)));
  }

  /**
   * Propose an entry from a resolved or closed request (`faq.propose`): a draft with the request's title as the
   * question and its solution as the answer, its service and subcategory, `source` = the request's ref.
   */
  async propose(dir: Directory, personId: string, t: Ticket): Promise<Result<FaqEntry>> {
    if (!mayProposeFaq(dir, personId, t)) return fail('FAQ.NOT_ALLOWED', 'not an agent of the request\'s team', { ref: refOf(t) });
    // A problem's answer is its workaround and/or solution (docs/domain.md §9).
    const text = t.kind === 'problem' ? [t.workaround, t.solution].filter(Boolean).join('\n') : (t.solution ?? '');
    const answer = neutraliseFaqText(text);
    const question = neutraliseFaqText(t.title);
    if (!answer || !question) return fail('FAQ.NOT_FOUND', 'the request has no solution to publish', { ref: refOf(t) });
    const entry = await this.deps.store.add(
      {
        code: null,
        question: [...question].slice(0, FAQ_QUESTION_MAX).join(''),
        answer: [...answer].slice(0, FAQ_ANSWER_MAX).join(''),
        service: t.service,
        subcategory: t.subcategory,
        keywords: [],
        status: 'draft',
        author: personId,
        source: refOf(t),
      },
      this.deps.clock.now(),
    );
    return ok(entry);
  }

  /** The team of the problem `entry` was made from (its `source` is a `P-` ref), else null. */
  private async problemTeamOf(entry: FaqEntry): Promise<string | null> {
    if (!entry.source || !/^P-/i.test(entry.source) || !this.deps.problemTeamOf) return null;
    return this.deps.problemTeamOf(entry.source);
  }

  /** Who decides a draft: the problem managers of its problem's team and of its service's team, else the administrators. */
  async publishersOf(dir: Directory, entry: FaqEntry): Promise<string[]> {
    return faqPublishers(dir, entry.service, await this.problemTeamOf(entry));
  }

  /** Publish (`published`) or retire (`retired`) entry `id`: a problem manager of its service's team, or an administrator. */
  async setStatus(dir: Directory, personId: string, id: number, status: 'published' | 'retired'): Promise<Result<FaqEntry>> {
    const entry = await this.deps.store.get(id);
    if (!entry) return fail('FAQ.NOT_FOUND', 'no such FAQ entry', { ref: formatFaqRef(id) });
    if (!mayManageFaq(dir, personId, entry.service, await this.problemTeamOf(entry))) {
      return fail('FAQ.NOT_ALLOWED', 'not a problem manager of the service', { ref: formatFaqRef(id) });
    }
    await this.deps.store.setStatus(id, status, this.deps.clock.now());
    this.intakeCache = null;
    return ok({ ...entry, status });
  }

  /**
   * The workbench page's FAQ browser (docs/portal.md "FAQ"): the published entries of the services `person` may use
   * today and of those whose FAQ they manage (every service for an administrator); with `words`, the same matching
   * as `faq <words>` (`bestFaqs` above `FAQ_SEARCH_MIN_SCORE`, best first) but up to `max` entries; without, every
   * entry by service then id. `manages` lists the services whose counters the person may see (§8: problem managers
   * of the service's team, administrators).
   */
  async browse(dir: Directory, person: Person, words: string, max = FAQ_BROWSE_MAX): Promise<{ entries: FaqEntry[]; manages: string[] }> {
    const manages = faqServicesManagedBy(dir, person.id);
    const services = dir.hasProfile(person.id, 'administrator') ? null : [...new Set([...this.servicesOf(dir, person), ...manages])];
    const published = await this.deps.store.published(services);
    const text = words.trim();
    const entries = text
      ? bestFaqs(text, published, FAQ_SEARCH_MIN_SCORE, max).map((m) => m.entry)
      : [...published].sort((a, b) => a.service.localeCompare(b.service) || a.id - b.id).slice(0, max);
    return { entries, manages };
  }
}
