/** Each non-text robot message type (docs/dingtalk.md §1.8) → the files and recognition the chat layer gets. */
import { parseRobotMessage } from '../../../../src/adapters/dingtalk/inbound/robot-message.parser';

const base = {
  conversationId: 'cidDM==',
  conversationType: '1',
  chatbotUserId: '$:LWCP_v1:$BOT',
  msgId: 'msgF==',
  senderNick: 'Alice',
  senderStaffId: '0123',
  createAt: 1700000000000,
};

const parse = (extra: Record<string, unknown>) => {
  const r = parseRobotMessage({ ...base, ...extra }, 5);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('robot messages with files', () => {
  it.each([
    ['picture', { content: { downloadCode: 'dc1', pictureDownloadCode: 'pdc1' } }, [{ kind: 'picture', downloadCode: 'dc1', name: null }]],
    ['picture with only pictureDownloadCode', { content: { pictureDownloadCode: 'pdc1' } }, [{ kind: 'picture', downloadCode: 'pdc1', name: null }]],
    ['file', { content: { downloadCode: 'dc2', fileName: 'error log.txt', spaceId: 's', fileId: 'f' } }, [{ kind: 'file', downloadCode: 'dc2', name: 'error log.txt' }]],
    ['video', { content: { downloadCode: 'dc3', duration: '5000', videoType: 'mp4' } }, [{ kind: 'video', downloadCode: 'dc3', name: null, durationMs: 5000 }]],
    ['audio', { content: { downloadCode: 'dc4', recognition: '打印机坏了', duration: 3000 } }, [{ kind: 'audio', downloadCode: 'dc4', name: null, durationMs: 3000 }]],
  ])('%s', (label, extra, files) => {
    const msgtype = String(label).split(' ')[0]!;
    const m = parse({ msgtype, ...extra });
    expect(m.msgType).toBe(msgtype);
    expect(m.files).toEqual(files);
    expect(m.text).toBeNull();
  });

  it('audio: the recognition text, cleaned; none when DingTalk sent none', () => {
    expect(parse({ msgtype: 'audio', content: { downloadCode: 'dc', recognition: ' 打印机\u0007坏了 ' } }).recognition).toBe('打印机坏了');
    expect(parse({ msgtype: 'audio', content: { downloadCode: 'dc' } }).recognition).toBeUndefined();
  });

  it('richText: its words as text and each picture as a file, in order', () => {
    const m = parse({
      msgtype: 'richText',
      content: { richText: [{ text: '下单失败' }, { type: 'picture', downloadCode: 'p1', pictureDownloadCode: 'pp1' }, { text: '，见图' }, { type: 'picture', pictureDownloadCode: 'pp2' }] },
    });
    expect(m.text).toBe('下单失败，见图');
    expect(m.files).toEqual([
      { kind: 'picture', downloadCode: 'p1', name: null },
      { kind: 'picture', downloadCode: 'pp2', name: null },
    ]);
  });

  it('a file name is cleaned (control characters) and a file without a download code is left out', () => {
    expect(parse({ msgtype: 'file', content: { downloadCode: 'd', fileName: 'a\u0000b.pdf' } }).files).toEqual([{ kind: 'file', downloadCode: 'd', name: 'ab.pdf' }]);
    expect(parse({ msgtype: 'file', content: { fileName: 'x.pdf' } }).files).toBeUndefined();
    expect(parse({ msgtype: 'picture' }).files).toBeUndefined();
  });

  it('text and unknown types carry no files', () => {
    expect(parse({ msgtype: 'text', text: { content: 'hi' } }).files).toBeUndefined();
    expect(parse({ msgtype: 'unknownMsgType', content: { downloadCode: 'x' } }).files).toBeUndefined();
  });
});
