/**
 * Attachments stored with their tickets on real databases (SQLite, and MariaDB with `ITOPBOT_TEST_MYSQL=1`): the
 * bytes round-trip through LONGBLOB/BLOB, one transaction stores every file of a message with its history row and
 * outbox event or nothing at all, the same message's files are never stored twice, only people who may add a public
 * note may attach, and a `附件` wait is kept per person with its deadline.
 */
import { TypeormAttachmentStore } from '../../../src/adapters/persistence/typeorm-attachment-store';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { TicketService, type Actor } from '../../../src/application/tickets/ticket-service';
import type { AttachmentToStore } from '../../../src/application/tickets/attachments';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { describeOnDatabases } from '../../support/databases';
import { demoData, WORKDAY_10AM } from '../../support/demo';
import { FakeClock } from '../../support/fake-clock';

const chat = (person: string): Actor => ({ person, entryPoint: 'chat' });

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const file = (sourceMsg: string, sourceIndex: number, bytes: Buffer, name = `f-${sourceIndex}.bin`): AttachmentToStore => ({
  kind: 'file',
  name,
  contentType: 'application/octet-stream',
  size: bytes.length,
  mediaId: null,
  content: bytes,
  sourceMsg,
  sourceIndex,
});

describeOnDatabases('attachments', (h) => {
  let service: TicketService;
  let attachments: TypeormAttachmentStore;
  const clock = new FakeClock(WORKDAY_10AM);
  let ticket: Ticket;

  const rows = async (table: string, ticketId: number, extra = '') =>
    Number(((await h.db().ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ticket_id = ?${extra}`, [ticketId])) as Array<{ n: number | string }>)[0]!.n);

  beforeAll(async () => {
    const directory = new TypeormDirectoryStore(h.db());
    await directory.importData(demoData(), { prune: false, now: clock.now() });
    service = new TicketService({ store: new TypeormTicketStore(h.db().gate), directory, clock });
    attachments = new TypeormAttachmentStore(h.db().gate);
    ticket = must(await service.open(chat('bjxiaoshoua'), { service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' }));
  });

  it('stores the bytes (every value of every byte) with the ticket, a history row and an AttachmentAdded event', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => i % 256));
    const done = must(await service.attach(chat('bjxiaoshoua'), refOf(ticket), [file('msg-1', 0, bytes, '截图 1.png')]));
    expect(done.stored).toBe(true);
    const [info] = await attachments.list(ticket.id);
    expect(info).toMatchObject({ ticketId: ticket.id, name: '截图 1.png', size: bytes.length, addedBy: 'bjxiaoshoua', mediaId: null });
    expect(Buffer.from((await attachments.content(info!.id))!.content).equals(bytes)).toBe(true);
    expect(await attachments.storedFrom('msg-1')).toHaveLength(1);
    expect(await rows('ticket_history', ticket.id, " AND action = 'attach'")).toBe(1);
    expect(await rows('outbox', ticket.id, " AND type = 'AttachmentAdded'")).toBe(1);
  });

  it('nothing half-stored: when one file of a message cannot be written, none is, nor its history or event', async () => {
    const before = { files: await rows('ticket_attachments', ticket.id), history: await rows('ticket_history', ticket.id), outbox: await rows('outbox', ticket.id) };
    // The second file collides with the one stored above (same message and place): the transaction rolls back.
    const done = must(await service.attach(chat('bjxiaoshoua'), refOf(ticket), [file('msg-2', 0, Buffer.from('new')), file('msg-1', 0, Buffer.from('again'))]));
    expect(done).toMatchObject({ stored: false, ids: [] });
    expect(await rows('ticket_attachments', ticket.id)).toBe(before.files);
    expect(await attachments.storedFrom('msg-2')).toEqual([]);
    expect(await rows('ticket_history', ticket.id)).toBe(before.history);
    expect(await rows('outbox', ticket.id)).toBe(before.outbox);
  });

  it('the same message a second time stores nothing more', async () => {
    must(await service.attach(chat('bjxiaoshoua'), refOf(ticket), [file('msg-3', 0, Buffer.from('a')), file('msg-3', 1, Buffer.from('b'))]));
    const count = await rows('ticket_attachments', ticket.id);
    expect(must(await service.attach(chat('bjxiaoshoua'), refOf(ticket), [file('msg-3', 0, Buffer.from('a')), file('msg-3', 1, Buffer.from('b'))])).stored).toBe(false);
    expect(await rows('ticket_attachments', ticket.id)).toBe(count);
  });

  it('only people who may add a public note may attach; an unknown ticket is refused', async () => {
    const refused = await service.attach(chat('gzxiaoshoua'), refOf(ticket), [file('msg-4', 0, Buffer.from('x'))]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    expect(await service.attach(chat('bjxiaoshoua'), 'R-999999', [file('msg-5', 0, Buffer.from('x'))])).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
    expect(await attachments.storedFrom('msg-4')).toEqual([]);
  });

  it('files parked before their ticket exists (a picker) are adopted by the pick once, with a history row', async () => {
    const parked = { ...file('pick-msg-9', 0, Buffer.from('#!AMR\n')), kind: 'audio' as const, ticketId: 0, addedBy: 'bjxiaoshoua', addedAt: clock.now() };
    await attachments.park(parked);
    await attachments.park(parked); // once only
    const history = await rows('ticket_history', ticket.id, " AND action = 'attach'");
    expect(must(await service.adoptParkedAttachments(chat('bjxiaoshoua'), refOf(ticket), 'pick-msg-9'))).toBe(1);
    expect((await attachments.storedFrom('pick-msg-9')).map((a) => a.ticketId)).toEqual([ticket.id]);
    expect(await rows('ticket_history', ticket.id, " AND action = 'attach'")).toBe(history + 1);
    expect(must(await service.adoptParkedAttachments(chat('bjxiaoshoua'), refOf(ticket), 'pick-msg-9'))).toBe(0);
    expect(await rows('ticket_history', ticket.id, " AND action = 'attach'")).toBe(history + 1);
  });

  it('a 附件 wait: one per person, replaced by a later one, gone after its deadline or when ended', async () => {
    const now = clock.now();
    await attachments.await({ userId: 'u1', ticketId: 7, until: new Date(now.getTime() + 60_000) });
    await attachments.await({ userId: 'u1', ticketId: ticket.id, until: new Date(now.getTime() + 120_000) });
    expect(await attachments.waitOf('u1', now)).toEqual({ userId: 'u1', ticketId: ticket.id, until: new Date(now.getTime() + 120_000) });
    expect(await attachments.waitOf('u1', new Date(now.getTime() + 120_001))).toBeNull();
    await attachments.endWait('u1');
    expect(await attachments.waitOf('u1', now)).toBeNull();
  });
});
