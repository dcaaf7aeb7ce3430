/** The words of attachments and voice in Chinese (attachment-words.ts). */
import type { AttachmentWords } from './attachment-catalog';

export const attachmentWordsZhCN: AttachmentWords = {
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
