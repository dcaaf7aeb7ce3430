/**
 * The words of attachments and voice (docs/domain.md "Attachments"), zh-CN and en: answers to pictures, files,
 * videos and voice messages, the `附件 R-…` command, refusals (each says what to do next), the card's list.
 * Kept apart from the main catalogs so the feature reads in one place (`attachments.catalog.<locale>.ts`).
 */
import type { Locale } from '../../../domain/shared/locale';
import type { AttachmentWords } from './attachment-catalog';
import { attachmentWordsEn } from './attachments.catalog.en';
import { attachmentWordsZhCN } from './attachments.catalog.zh-CN';

export type { AttachmentWords } from './attachment-catalog';

export function attachmentWords(locale: Locale): AttachmentWords {
  return locale === 'en' ? attachmentWordsEn : attachmentWordsZhCN;
}
