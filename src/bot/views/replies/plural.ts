/**
 * A count with its noun in the reader's language: "1 person", "2 people"; "1 人", "2 人". The catalog holds one
 * template per plural form (`PluralText`); Intl.PluralRules of the catalog's locale says which form a count takes.
 */
import type { Locale } from '../../../domain/shared/locale';
import type { BotCatalog, PluralText } from './bot-catalog';
import { fill } from './plain-text';

const rules = new Map<Locale, Intl.PluralRules>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let found = rules.get(locale);
  if (!found) {
    found = new Intl.PluralRules(locale);
    rules.set(locale, found);
  }
  return found;
}

/** `text` filled with `count`, in the form `count` takes in `locale` (`one`, else `other`). */
export function plural(text: PluralText, count: number, locale: Locale): string {
  return fill(rulesFor(locale).select(count) === 'one' ? text.one : text.other, { count });
}

/** A counted noun of the catalog (`count.people`, `count.requests`) for `count`. */
export function counted(c: BotCatalog, noun: keyof BotCatalog['count'], count: number): string {
  return plural(c.count[noun], count, c.locale);
}
