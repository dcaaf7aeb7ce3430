/** What the attachment catalogs (`attachments.catalog.<locale>.ts`) hold: docs/domain.md §10's sentences. */
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
