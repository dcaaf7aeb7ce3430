/** The demo directory (config/demo-directory.yaml, the seed's company) and ticket builders for tests. */
import fs from 'node:fs';
import path from 'node:path';
import { loadDirectoryText } from '../../src/adapters/directory/directory-yaml';
import { Directory } from '../../src/domain/directory/directory';
import type { DirectoryData } from '../../src/domain/directory/directory.types';

export const DEMO_FILE = path.join(__dirname, '..', '..', 'config', 'demo-directory.yaml');

let cached: DirectoryData | null = null;

export function demoData(): DirectoryData {
  if (!cached) {
    const v = loadDirectoryText(fs.readFileSync(DEMO_FILE, 'utf8'));
    if (!v.ok) throw new Error(`demo directory invalid: ${JSON.stringify(v.error.issues)}`);
    cached = v.value.data;
  }
  return structuredClone(cached);
}

export function demoDirectory(mutate?: (d: DirectoryData) => void): Directory {
  const d = demoData();
  mutate?.(d);
  return new Directory(d);
}

/** A working day inside the demo contracts' validity: Wed 2026-12-02 10:00 Shanghai. */
export const WORKDAY_10AM = new Date('2026-12-02T02:00:00.000Z');

/** The demo data with a 24×7 seconds-long SLA ("drill") on every contract of BJ-销售运营, priority 3. */
export function withDrillSla(d: DirectoryData, seconds: { tto: number; ttr: number }): DirectoryData {
  d.slas.push({
    code: 'sla-drill',
    name: '演练 SLA（秒级）',
    calendar: '24x7',
    status: 'active',
    targets: [
      { metric: 'tto', priority: 3, requestType: '*', value: seconds.tto, unit: 'seconds' },
      { metric: 'ttr', priority: 3, requestType: '*', value: seconds.ttr, unit: 'seconds' },
    ],
  });
  for (const c of d.contracts) if (c.services.includes('BJ-SALES-OPS')) c.sla = 'sla-drill';
  return d;
}

/** The DingTalk user id of a person of the demo directory (what a chat message carries as its sender). */
export function demoUserId(personId: string): string {
  const id = demoData().people.find((p) => p.id === personId)?.dingtalkUserId;
  if (!id) throw new Error(`no DingTalk user id for ${personId} in the demo directory`);
  return id;
}

/** The demo people the chat suites talk as. */
export const DEMO_USERS = {
  SALES_A: demoUserId('bjxiaoshoua'),
  SALES_B: demoUserId('bjxiaoshoub'),
  /** bjxiaoshouyunying: contact of bj-sales-ops. */
  OPS_1: demoUserId('bjxiaoshouyunying'),
  /** bjyunying2: contact of bj-sales-ops. */
  OPS_2: demoUserId('bjyunying2'),
  /** bjyunyingzg: lead of bj-sales-ops, not a contact. */
  OPS_LEAD: demoUserId('bjyunyingzg'),
  GZ_SALES_A: demoUserId('gzxiaoshoua'),
  GZ_SALES_B: demoUserId('gzxiaoshoub'),
  /** kehua: an organisation without a contract. */
  MERCHANT_A: demoUserId('kehua'),
  /** Nobody in the directory. */
  STRANGER: '1999999999',
} as const;

/** A merchant's delivery question (the seed's first case): files a BJ-销售运营 request. */
export const GRAPES = '商户A昨天订了1斤葡萄，今天没有送货';
