/**
 * Reading a free-text request (docs/domain.md §2, §3): which of the caller's eligible subcategories it names (a keyword
 * is a case-insensitive substring of the message), and whether it says it is urgent. Pure.
 */
import type { Offering } from '../../../domain/directory/eligibility';
import type { Level1to4 } from '../../../domain/tickets/ticket';

/** Requests longer than this are refused with a sentence; nothing is filed (docs/interfaces.md "Intake from chat"). */
export const MESSAGE_MAX_CHARS = 4000;

/** The offerings whose subcategory has a keyword in `text`, in the order given. */
export function matchOfferings(text: string, offerings: readonly Offering[]): Offering[] {
  const haystack = text.toLocaleLowerCase();
  return offerings.filter((o) =>
    o.subcategory.keywords.some((k) => k.trim() !== '' && haystack.includes(k.trim().toLocaleLowerCase())),
  );
}

/** Picker order: the matches first, then every other eligible offering (the picker never offers anything else). */
export function pickerOrder(offerings: readonly Offering[], matches: readonly Offering[]): Offering[] {
  const key = (o: Offering) => `${o.service.code}/${o.subcategory.code}`;
  const matched = new Set(matches.map(key));
  return [...matches, ...offerings.filter((o) => !matched.has(key(o)))];
}

/** 紧急, 加急, 十万火急, urgent, ASAP — unless negated (不紧急, 非紧急, not urgent). */
const URGENT_ZH = /(不|非|无需|不用|并不)?(十万火急|紧急|加急)/g;
const URGENT_EN = /(not\s+)?(?<![a-z])(urgent|asap|a\.s\.a\.p\.?)(?![a-z])/gi;

export function isUrgent(text: string): boolean {
  for (const m of text.matchAll(URGENT_ZH)) if (!m[1]) return true;
  for (const m of text.matchAll(URGENT_EN)) if (!m[1]) return true;
  return false;
}

/** Urgency of a chat request: 1 (critical) when it says so, else the default 3. */
export function urgencyOf(text: string): Level1to4 {
  return isUrgent(text) ? 1 : 3;
}
