/**
 * Who wrote: the directory person behind a DingTalk user id, and the language to answer in. When the person may
 * not act (unknown account, inactive, no contract…) the answer is one sentence saying what to do next.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import { checkCanFile, resolveActor } from '../../domain/directory/eligibility';
import type { Locale } from '../../domain/shared/locale';
import { err, ok, type DomainError, type Result } from '../../domain/shared/result';
import type { BotCatalog } from '../views/replies/bot-catalog';
import { catalogFor, localeOf } from '../views/replies/catalogs';
import { errorSentence } from '../views/replies/error-sentence';
import { fill } from '../views/replies/plain-text';

export interface Reader {
  person: Person | undefined;
  locale: Locale;
  catalog: BotCatalog;
}

export function readerOf(dir: Directory | null, userId: string, defaultLocale: Locale): Reader {
  const person = dir?.personByUserId(userId);
  const locale = localeOf(person, defaultLocale);
  return { person, locale, catalog: catalogFor(locale) };
}

/** The sentence for a person who may not act or file. */
export function accessSentence(error: DomainError, c: BotCatalog, dir: Directory): string {
  switch (error.code) {
    case 'PERSON.UNKNOWN':
      return c.reply.unknownPerson;
    case 'PERSON.INACTIVE':
      return c.reply.inactivePerson;
    case 'PERSON.NO_PROFILE':
      return c.reply.noProfile;
    case 'ORG.INACTIVE':
      return c.reply.orgInactive;
    case 'ORG.NO_CONTRACT': {
      const org = String(error.details?.org ?? '');
      return fill(c.reply.noContract, { org: String(error.details?.orgName ?? dir.org(org)?.name ?? org) });
    }
    default:
      return errorSentence(error, c, dir);
  }
}

/** A refusal is the domain error plus the sentence for the reader (administrators are alerted about some codes). */
export type Refusal = DomainError & { readonly sentence: string };
export type Access = Result<Person, Refusal>;

/** May this reader act at all (an active person)? */
export function checkActor(dir: Directory, reader: Reader): Access {
  const r = resolveActor(dir, reader.person?.id);
  return r.ok ? ok(r.value) : err({ ...r.error, sentence: accessSentence(r.error, reader.catalog, dir) });
}

/** May this reader file a request now (active, a filing profile, a live contract)? */
export function checkFiler(dir: Directory, reader: Reader, now: Date): Access {
  const r = checkCanFile(dir, reader.person?.id, now);
  return r.ok ? ok(r.value) : err({ ...r.error, sentence: accessSentence(r.error, reader.catalog, dir) });
}
