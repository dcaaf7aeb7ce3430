/**
 * The words of attachments and voice (docs/domain.md "Attachments"), zh-CN and en: answers to pictures, files,
 * videos and voice messages, the `附件 R-…` command, refusals (each says what to do next), the card's list.
 * Kept apart from the main catalogs so the feature reads in one place (`attachments.catalog.<locale>.ts`).
 */
import type { Locale } from '../../../domain/shared/locale';
import { attachmentWordsEn } from './attachments.catalog.en';
import { attachmentWordsZhCN } from './attachments.catalog.zh-CN';

export interface AttachmentWords {
  /** The recognition text an audio message is filed from, told back to the speaker. */
  voiceHeard: string;
  voiceEmpty: string;
  attached: string;
  alreadyAttached: string;
  tooLarge: string;
  tooLargeUnknown: string;
  unsupported: string;
  empty: string;
  unavailable: string;
  notAvailable: string;
  noTicket: string;
  chooseTicket: string;
  waiting: string;
  usage: string;
  /** `{name} ({size})` in lists. */
  item: string;
  separator: string;
  cardLabel: string;
  cardImageAlt: string;
}

export function attachmentWords(locale: Locale): AttachmentWords {
  return locale === 'en' ? attachmentWordsEn : attachmentWordsZhCN;
}
