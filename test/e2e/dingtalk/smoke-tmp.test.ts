import { startHarness } from '../../support/dingtalk/dingtalk-harness';

it('smoke', async () => {
  const h = await startHarness();
  try {
    const sent = h.running.emulator.sendRobotMessage({ fromUserId: 'u-alice', text: 'printer jam' });
    await h.running.emulator.waitForAcks(sent.messageId);
    await h.running.emulator.waitFor(() => h.running.emulator.messagesReceivedBy('u-bob').length === 1);
    console.log(JSON.stringify(h.running.emulator.cards(), null, 1));
    console.log(h.running.emulator.messagesReceivedBy('u-alice'));
    const click = await h.running.emulator.clickCard({ outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'ticket.claim', ref: 'R-000001' } });
    console.log(click, h.running.emulator.cardViewFor('R-000001-contact', 'u-bob'));
    console.log(h.receiver.health());
  } finally {
    console.log(h.logger.lines.filter(l => l.level !== 'debug').map(l => l.level + ' ' + l.message + ' ' + JSON.stringify(l.meta)).join('\n'));
    await h.close();
  }
});
