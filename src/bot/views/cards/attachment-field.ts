/**
 * The card row listing a ticket's attachments (docs/domain.md "Attachments"): names and sizes, the text fallback of
 * the thumbnail (whether a template shows an uploaded media id through `cardParamMap` is unconfirmed).
 */
import { formatSize, type AttachmentInfo } from '../../../domain/attachments/attachment';
import type { CardField } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { attachmentWords } from '../replies/attachment-words';
import { fill, oneLine } from '../replies/plain-text';

const LISTED = 8;
const NAME_MAX = 40;

export function attachmentField(attachments: readonly AttachmentInfo[], locale: Locale): CardField {
  const w = attachmentWords(locale);
  const items = attachments.slice(0, LISTED).map((a) => fill(w.item, { name: oneLine(a.name, NAME_MAX, '…'), size: formatSize(a.size) }));
  if (attachments.length > LISTED) items.push(`+${attachments.length - LISTED}`);
  return { label: w.cardLabel, value: items.join(w.separator) };
}
