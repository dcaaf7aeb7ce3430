/**
 * FAQ entries (docs/domain.md §8 "FAQ"): a question and its answer for one service, matched against what callers
 * write before anything is filed. Own reference sequence (`F-000001`), status draft → published → retired, and the
 * counters of how often it was shown, solved the caller's question, or did not.
 */
import { neutralise } from '../shared/text';

export const FAQ_STATUSES = ['draft', 'published', 'retired'] as const;
export type FaqStatus = (typeof FAQ_STATUSES)[number];

/** The answer is plain text of at most this many characters (the import refuses longer ones with path and line). */
export const FAQ_ANSWER_MAX = 2000;
export const FAQ_QUESTION_MAX = 500;
export const FAQ_KEYWORDS_MAX = 20;
export const FAQ_KEYWORD_MAX = 40;

export interface FaqEntry {
  /** Database id: the `F-` number; 0 before the first save. */
  id: number;
  /** The FAQ file's stable key (imported entries), else null. */
  code: string | null;
  question: string;
  answer: string;
  service: string;
  subcategory: string | null;
  keywords: string[];
  status: FaqStatus;
  /** Person id, or `system` for imported entries. */
  author: string;
  /** The ticket ref it was made from, if any. */
  source: string | null;
  shown: number;
  solved: number;
  stillHelp: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry as the FAQ file states it (`code` is the file's stable key). */
export interface FaqFileEntry {
  code: string;
  question: string;
  answer: string;
  service: string;
  subcategory: string | null;
  keywords: string[];
  status: FaqStatus;
}

/** The counters of an entry, by the event that bumps them. */
export type FaqCounter = 'shown' | 'solved' | 'stillHelp';

export function formatFaqRef(id: number): string {
  return `F-${String(id).padStart(6, '0')}`;
}

/** `F-000012` / `f-12` / `F12` → 12; anything else → null. */
export function parseFaqRef(ref: string): number | null {
  const m = /^\s*[Ff]-?(\d{1,12})\s*$/.exec(ref);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** FAQ text made inert like ticket text (no @all, no Markdown links or tags), trimmed. */
export function neutraliseFaqText(text: string): string {
  return neutralise(text).trim();
}
