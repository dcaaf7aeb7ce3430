import { chaosSummaryLine, countChaos, refOfCard, type ChaosInput } from '../../../scripts/chaos-counts';

const base = (): ChaosInput => ({
  messages: [
    { msgId: 'm1', userId: 'u1', pushed: true, ack: 'ok' },
    { msgId: 'm2', userId: 'u2', pushed: true, ack: 'ok' },
  ],
  tickets: [
    { id: 1, ref: 'R-000001', sourceMsg: 'm1' },
    { id: 2, ref: 'R-000002', sourceMsg: 'm2' },
  ],
  cards: [
    { outTrackId: 'R-000001-u-u1', ref: 'R-000001', dmUserIds: ['u1'] },
    { outTrackId: 'R-000002-u-u2', ref: 'R-000002', dmUserIds: ['u2'] },
  ],
  recordedCards: new Set(['R-000001-u-u1', 'R-000002-u-u2']),
  lines: [
    { userId: 'u1', via: 'sessionWebhook', title: 'R-000001 filed', text: 'R-000001 …' },
    { userId: 'u2', via: 'sessionWebhook', title: 'R-000002 filed', text: 'R-000002 …' },
    { userId: 'lead', via: 'batchSend', title: 'R-000002 not taken', text: 'body' },
  ],
  escalating: { ticketIds: [2], dueBy: 100 },
  thresholds: [{ ticketId: 2, level: 'tto', status: 'fired', dueAt: 50 }],
  notices: [{ ticketId: 2, eventCode: 'tto', userId: 'lead', title: 'R-000002 not taken' }],
});

describe('countChaos', () => {
  it('finds nothing wrong in a clean run', () => {
    const c = countChaos(base());
    expect(chaosSummaryLine(c)).toBe(
      'bench:chaos: 2 messages; lost 0; lost in flight 0; duplicate tickets 0; tickets missing cards 0; unrecorded cards 0; escalations missed 0 duplicated 0; duplicate answers 0; duplicate notices 0',
    );
  });

  it('tells lost (acknowledged) from lost in flight (never acknowledged), refused and never pushed', () => {
    const input = base();
    input.tickets = [];
    input.escalating.ticketIds = [];
    input.messages.push({ msgId: 'm3', userId: 'u3', pushed: true, ack: 'none' }, { msgId: 'm4', userId: 'u4', pushed: true, ack: 'refused' }, { msgId: 'm5', userId: 'u5', pushed: false, ack: 'none' });
    const c = countChaos(input);
    expect(c.lost).toEqual(['m1', 'm2']);
    expect(c.lostInFlight).toEqual(['m3']);
    expect(c.refused).toEqual(['m4']);
    expect(c.neverPushed).toEqual(['m5']);
  });

  it('does not count an unacknowledged message whose ticket exists', () => {
    const input = base();
    input.messages[0]!.ack = 'none';
    expect(countChaos(input).lostInFlight).toEqual([]);
  });

  it('counts a second ticket of one message, a caller without a card and a card without its row', () => {
    const input = base();
    input.tickets.push({ id: 3, ref: 'R-000003', sourceMsg: 'm1' });
    input.cards = [input.cards[0]!, { outTrackId: 'R-000002-u-other', ref: 'R-000002', dmUserIds: ['other'] }];
    const c = countChaos(input);
    expect(c.duplicateTickets).toBe(1);
    expect(c.ticketsMissingCards).toEqual(['R-000003', 'R-000002']);
    expect(c.unrecordedCards).toEqual(['R-000002-u-other']);
  });

  it('accepts one card per ticket (outTrackId = ref) delivered to several chats', () => {
    const input = base();
    input.cards = [
      { outTrackId: 'R-000001', ref: 'R-000001', dmUserIds: ['u1', 'contact'] },
      { outTrackId: 'R-000002', ref: 'R-000002', dmUserIds: ['u2'] },
    ];
    input.recordedCards = new Set(['R-000001', 'R-000002']);
    const c = countChaos(input);
    expect(c.ticketsMissingCards).toEqual([]);
    expect(c.unrecordedCards).toEqual([]);
  });

  it('counts duplicate answers and duplicate notices', () => {
    const input = base();
    input.lines.push({ userId: 'u1', via: 'sessionWebhook', title: 'R-000001 filed', text: 'R-000001 …' });
    input.lines.push({ userId: 'c', via: 'batchSend', title: 'new R-000001', text: 'x' }, { userId: 'c', via: 'batchSend', title: 'new R-000001', text: 'x' });
    const c = countChaos(input);
    expect(c.duplicateAnswers).toBe(1);
    expect(c.duplicateNotices).toBe(1);
    expect(c.examples.duplicateAnswers).toEqual(['R-000001']);
  });

  it('counts escalations not fired, fired twice, not delivered, and delivered twice (digests included)', () => {
    const notFired = base();
    notFired.thresholds[0]!.status = 'armed';
    expect(countChaos(notFired).escalationsMissed).toEqual(['2: not fired']);

    const twice = base();
    twice.thresholds.push({ ticketId: 2, level: 'tto', status: 'fired', dueAt: 60 });
    expect(countChaos(twice).escalationsDuplicated).toEqual(['2: fired 2 times']);

    const undelivered = base();
    undelivered.lines = undelivered.lines.filter((l) => l.userId !== 'lead');
    expect(countChaos(undelivered).escalationsMissed).toEqual(['2: notice to lead not delivered']);

    const digestTwice = base();
    digestTwice.lines.push({ userId: 'lead', via: 'batchSend', title: '2 escalations', text: 'R-000009 x\nR-000002 not taken' });
    const c = countChaos(digestTwice);
    expect(c.escalationsDuplicated).toEqual(['2: notice to lead delivered 2 times']);
    expect(c.escalationsMissed).toEqual([]);

    // the escalation digest card names the ref: delivered once; on a second card too: twice
    const onCard = base();
    onCard.lines = onCard.lines.filter((l) => l.userId !== 'lead');
    const digestCard = { outTrackId: 'digest:lead:1', ref: null, dmUserIds: ['lead'], digestFields: '[{"label":"TTO","value":"R-000009, R-000002"}]' };
    onCard.cards.push(digestCard);
    expect(countChaos(onCard)).toMatchObject({ escalationsMissed: [], escalationsDuplicated: [] });
    onCard.cards.push({ ...digestCard, outTrackId: 'digest:lead:2' });
    expect(countChaos(onCard).escalationsDuplicated).toEqual(['2: notice to lead delivered 2 times']);
  });
});

describe('refOfCard', () => {
  it('reads the ref parameter, else the outTrackId', () => {
    expect(refOfCard('x', { ref: 'I-000004' })).toBe('I-000004');
    expect(refOfCard('R-000012-u-1000000259', {})).toBe('R-000012');
    expect(refOfCard('R-000012', {})).toBe('R-000012');
    expect(refOfCard('pick-msgabc', {})).toBeNull();
  });
});
