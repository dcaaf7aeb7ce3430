/**
 * The words of attachments and voice (docs/domain.md "Attachments"), zh-CN and en: answers to pictures, files,
 * videos and voice messages, the `附件 R-…` command, refusals (each says what to do next), the card's list.
 * Kept apart from the main catalogs so the feature reads in one place.
 */
import type { Locale } from '../../../domain/shared/locale';

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

const ZH: AttachmentWords = {
  voiceHeard: '按语音识别：{text}',
  voiceEmpty: '没能识别这条语音的内容，未登记。请用文字描述问题。',
  attached: '已添加到 {ref}：{files}。',
  alreadyAttached: '这条消息的附件已添加到 {ref}。',
  tooLarge: '「{name}」有 {size}，超过附件上限 {max} MB，未保存。请压缩或截取关键部分后重新发送。',
  tooLargeUnknown: '这个文件超过附件上限 {max} MB，未保存。请压缩或截取关键部分后重新发送。',
  unsupported: '不能保存「{name}」这类文件（程序或脚本），未保存。请改发截图，或打包成压缩文件后发送。',
  empty: '收到的文件是空的，未保存。请重新发送。',
  unavailable: '没能从钉钉取到这个文件，未保存。请稍后重新发送。',
  notAvailable: '这里暂时不能接收图片和文件，未保存。请用文字描述问题。',
  noTicket: '收到了图片或文件，但你没有未关闭的工单，未保存。请先用文字描述问题；登记后 2 分钟内发送的图片会自动附上。',
  chooseTicket: '收到了图片或文件，但不知道要附到哪个工单，未保存。请先发送「附件 工单号」（如「附件 {ref}」），再重新发送。你的未关闭工单：\n{list}',
  waiting: '好的，请在 {minutes} 分钟内发送要附到 {ref} 的图片或文件。',
  usage: '用法：附件 R-000012，然后在 2 分钟内发送图片或文件。',
  item: '{name}（{size}）',
  separator: '、',
  cardLabel: '附件',
  cardImageAlt: '图片',
};

const EN: AttachmentWords = {
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

export function attachmentWords(locale: Locale): AttachmentWords {
  return locale === 'en' ? EN : ZH;
}
