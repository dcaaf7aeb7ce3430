/** The words of attachments and voice in English (attachment-words.ts). */
import type { AttachmentWords } from './attachment-catalog';

export const attachmentWordsEn: AttachmentWords = {
  voiceHeard: 'From your voice message: {text}',
  voiceEmpty: 'Your voice message could not be recognised; nothing was filed. Please describe the problem in text.',
  attached: 'Added to {ref}: {files}.',
  alreadyAttached: 'The files of this message are already attached to {ref}.',
  tooLarge: '"{name}" is {size}, over the {max} MB attachment limit; it was not saved. Compress it or send only the part that matters.',
  tooLargeUnknown: 'This file is over the {max} MB attachment limit; it was not saved. Compress it or send only the part that matters.',
  unsupported: 'Files like "{name}" (programs and scripts) are not kept; it was not saved. Send a screenshot, or zip it first.',
  empty: 'The file arrived empty and was not saved. Please send it again.',
  unavailable: 'The file could not be fetched from DingTalk and was not saved. Please send it again in a moment.',
  notAvailable: 'Pictures and files cannot be received here; nothing was saved. Please describe the problem in text.',
  noTicket: 'Got a picture or file, but you have no open ticket; nothing was saved. Describe the problem in text first; pictures sent within 2 minutes of filing are attached by themselves.',
  chooseTicket: 'Got a picture or file, but which ticket is it for? Nothing was saved. Send "attach <ref>" (e.g. "attach {ref}"), then send it again. Your open tickets:\n{list}',
  waiting: 'OK: send the picture or file for {ref} within {minutes} minutes.',
  usage: 'Usage: attach R-000012, then send the picture or file within 2 minutes.',
  item: '{name} ({size})',
  separator: ', ',
  cardLabel: 'Attachments',
  cardImageAlt: 'Picture',
};
