/**
 * Contracts for whole org trees (docs/directory-format.md `customer: {org, include_descendants: true}`) through the
 * real entry points: the directory file as an administrator writes it, imported into the store, then a chat
 * message from a salesperson of a sub-department created after the contract: they can file; without the tree
 * form the same person cannot. The export writes the tree form back.
 */
import fs from 'node:fs';
import { loadDirectoryText } from '../../../src/adapters/directory/directory-yaml';
import { TypeormTicketStore } from '../../../src/adapters/persistence/typeorm-ticket-store';
import { serializeDirectory } from '../../../src/domain/directory/serialize-directory';
import type { DirectoryData } from '../../../src/domain/directory/directory.types';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';
import { DEMO_FILE } from '../../support/demo';

const HUADU_SALES = '1000007001';
const TREE_LINE = /customer: gz-sales, provider: gz-sales-ops/;

function demoText(tree: boolean): DirectoryData {
  let text = fs.readFileSync(DEMO_FILE, 'utf8');
  expect(text).toMatch(TREE_LINE);
  if (tree) text = text.replace(TREE_LINE, 'customer: { org: gz, include_descendants: true }, provider: gz-sales-ops');
  const loaded = loadDirectoryText(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.issues));
  return loaded.value.data;
}

/** The same directory plus a sub-department of 广州分公司 opened later, with one salesperson. */
function withNewBranch(data: DirectoryData): DirectoryData {
  const next = structuredClone(data);
  next.organizations.push({ code: 'gz-huadu', name: '广州分公司-花都销售', parent: 'gz', lead: null, deliveryModel: null, status: 'active' });
  next.people.push({
    id: 'gzhuadu',
    name: '广州-花都区销售',
    org: 'gz-huadu',
    dingtalkUserId: HUADU_SALES,
    mobile: null,
    email: null,
    status: 'active',
    profiles: ['portal_user'],
    timezone: null,
    locale: null,
  });
  return next;
}

describe.each([
  ['with include_descendants', true],
  ['with the plain customer code', false],
])('a new sub-department, contract %s [sqlite]', (_name, tree) => {
  let h: ChatHarness;
  beforeAll(async () => {
    const data = demoText(tree);
    h = await chatHarness((d) => Object.assign(d, data));
    // the branch opens after the contract was written: a later import adds it
    await h.directory.importData(withNewBranch(data), { prune: false, now: h.clock.now() });
    h.directory.invalidate();
  });
  afterAll(() => h.close());

  it(tree ? 'its salesperson can file' : 'its salesperson cannot file', async () => {
    const before = h.gateway.cardCalls.length;
    const answers = h.gateway.privateAnswers.length;
    await h.handler.onMessage(h.message(HUADU_SALES, '客户投诉：400 热线没人接'));
    const card = h.gateway.cardCalls.slice(before).find((c) => c.call === 'create' && c.spaces?.some((s) => s.kind === 'dm' && s.userId === HUADU_SALES));
    const filed = await new TypeormTicketStore(h.db.gate).list({ caller: 'gzhuadu' });
    if (tree) {
      expect(card).toBeDefined();
      expect(filed).toHaveLength(1);
      expect(filed[0]).toMatchObject({ org: 'gz-huadu', service: 'GZ-SALES-OPS', contract: 'GZ-销售运营', team: 'gz-sales-ops' });
      expect(filed[0]!.ttr.deadline).not.toBeNull(); // the inherited contract's SLA applies
    } else {
      expect(card).toBeUndefined();
      expect(filed).toHaveLength(0);
      const answer = h.gateway.privateAnswers.slice(answers).find((a) => a.userId === HUADU_SALES);
      expect(answer?.message.text).toMatch(/合同/);
    }
  });

  it('the export writes the customer back as written', async () => {
    const data = (await h.directory.exportData())!;
    const contract = serializeDirectory(data).contracts!.find((c) => c.code === 'GZ-销售运营')!;
    expect(contract.customer).toEqual(tree ? { org: 'gz', include_descendants: true } : 'gz-sales');
  });
});
