/**
 * Checks across entries of a directory file, run on every entry that parsed: unknown references, duplicate
 * codes and ids (subcategory codes per service), `parent` cycles, profiles (inert ones warn), DingTalk user ids
 * used twice, team members from another company tree, contracts ending before they start or listing a service
 * of another provider. Pure; returns issues, never throws.
 */
import type { z } from 'zod';
import type { DirectoryIssue } from './directory-issue';
import { formatPath } from './directory-issue';
import type { DIRECTORY_LISTS, DirectoryListKey } from './directory-file.schema';
import type { Person } from './directory.types';
import { INERT_PROFILES, PROFILES } from './directory.types';

/** A parsed entry and its position in its list. */
export interface Indexed<T> {
  index: number;
  value: T;
}

/** Each list of the file, by its key, as its entry schema parsed it (`calendars` → `Indexed<Calendar>[]`, …). */
export type ParsedEntries = { [K in DirectoryListKey]: Indexed<z.output<(typeof DIRECTORY_LISTS)[K]>>[] };

/**
 * Keys present in the file, parsed or not, so that a broken entry causes no "unknown …" error elsewhere;
 * null when the list itself is broken (not a list), and references into it cannot be checked.
 */
export type KnownKeys = Record<keyof ParsedEntries, ReadonlySet<string> | null>;

export interface CheckResult {
  errors: DirectoryIssue[];
  warnings: DirectoryIssue[];
}

type Path = (string | number)[];

/** What every check needs: the entries, the keys present, and where to put what it finds. */
interface Ctx {
  e: ParsedEntries;
  known: KnownKeys;
  err(path: Path, message: string): void;
  warn(path: Path, message: string): void;
  /** An error unless `key` is null, present in `list`, or `list` itself is broken. */
  ref(path: Path, list: keyof ParsedEntries, what: string, key: string | null): void;
}

export function checkDirectory(e: ParsedEntries, known: KnownKeys): CheckResult {
  const errors: DirectoryIssue[] = [];
  const warnings: DirectoryIssue[] = [];
  const ctx: Ctx = {
    e,
    known,
    err: (path, message) => errors.push({ path: formatPath(path), message }),
    warn: (path, message) => warnings.push({ path: formatPath(path), message }),
    ref: (path, list, what, key) => {
      const keys = known[list];
      if (key !== null && keys !== null && !keys.has(key)) ctx.err(path, `unknown ${what} "${key}"`);
    },
  };
  for (const check of [duplicateKeys, organizations, people, teams, services, slasAndModels, contracts]) check(ctx);
  errors.push(...parentCycles('organizations', e.organizations), ...parentCycles('teams', e.teams));
  return { errors, warnings };
}

/** Codes and ids are unique per list; subcategory codes within their service. */
function duplicateKeys({ e, err }: Ctx): void {
  const unique = (at: Path, label: string, entries: Array<{ index: number; key: string }>, field: string, what: string) => {
    const seen = new Map<string, number>();
    for (const { index, key } of entries) {
      const first = seen.get(key);
      if (first !== undefined) err([...at, index, field], `duplicate ${what} "${key}" (also ${label}[${first}])`);
      else seen.set(key, index);
    }
  };
  for (const list of Object.keys(e) as (keyof ParsedEntries)[]) {
    const items = (e[list] as Indexed<{ code: string } | { id: string }>[]).map(({ index, value }) => ({
      index,
      key: 'id' in value ? value.id : value.code,
    }));
    const field = list === 'people' ? 'id' : 'code';
    unique([list], list, items, field, field);
  }
  for (const { index, value } of e.services) {
    const subs = value.subcategories.map((sub, k) => ({ index: k, key: sub.code }));
    unique(['services', index, 'subcategories'], 'subcategories', subs, 'code', 'subcategory code');
  }
}

function organizations({ e, ref, err }: Ctx): void {
  const depts = new Map<string, string>();
  for (const { index: i, value: o } of e.organizations) {
    if (o.dingtalkDeptId !== undefined) {
      const other = depts.get(o.dingtalkDeptId);
      if (other !== undefined) err(['organizations', i, 'dingtalk_dept_id'], `DingTalk department "${o.dingtalkDeptId}" is already mapped to "${other}"`);
      else depts.set(o.dingtalkDeptId, o.code);
    }
    ref(['organizations', i, 'parent'], 'organizations', 'organization', o.parent);
    ref(['organizations', i, 'lead'], 'people', 'person', o.lead);
    ref(['organizations', i, 'delivery_model'], 'delivery_models', 'delivery model', o.deliveryModel);
  }
}

/** Org, profiles (inert ones warn), and a DingTalk user id used by one person only. */
function people({ e, ref, err, warn }: Ctx): void {
  const userIds = new Map<string, Indexed<Person>>();
  for (const entry of e.people) {
    const { index: i, value: p } = entry;
    ref(['people', i, 'org'], 'organizations', 'organization', p.org);
    p.profiles.forEach((profile, k) => {
      if ((INERT_PROFILES as readonly string[]).includes(profile)) {
        warn(['people', i, 'profiles', k], `profile "${profile}" is accepted but grants nothing yet`);
      } else if (!(PROFILES as readonly string[]).includes(profile)) {
        err(['people', i, 'profiles', k], `unknown profile "${profile}"`);
      }
    });
    if (p.dingtalkUserId === null) continue;
    const other = userIds.get(p.dingtalkUserId);
    if (!other) userIds.set(p.dingtalkUserId, entry);
    else {
      const used = `is already used by person "${other.value.id}" (people[${other.index}])`;
      err(['people', i, 'dingtalk_user_id'], `DingTalk user id "${p.dingtalkUserId}" ${used}`);
    }
  }
}

/** References, and members whose organisation has another root than the team's. */
function teams({ e, ref, err }: Ctx): void {
  const orgRoot = rootsOf(e.organizations);
  const personOrg = new Map(e.people.map(({ value }) => [value.id, value.org]));
  for (const { index: i, value: t } of e.teams) {
    ref(['teams', i, 'org'], 'organizations', 'organization', t.org);
    ref(['teams', i, 'parent'], 'teams', 'team', t.parent);
    const teamRoot = orgRoot.get(t.org);
    t.members.forEach((m, k) => {
      ref(['teams', i, 'members', k, 'person'], 'people', 'person', m.person);
      const org = personOrg.get(m.person);
      const personRoot = org === undefined ? undefined : orgRoot.get(org);
      if (teamRoot && personRoot && teamRoot !== personRoot) {
        const team = `team "${t.code}" (org "${t.org}" under "${teamRoot}")`;
        const person = `person "${m.person}" belongs to "${org}" under "${personRoot}"`;
        err(['teams', i, 'members', k, 'person'], `${person}, another company tree than ${team}`);
      }
    });
  }
}

function services({ e, ref }: Ctx): void {
  for (const { index: i, value: s } of e.services) {
    ref(['services', i, 'family'], 'service_families', 'service family', s.family);
    ref(['services', i, 'provider'], 'organizations', 'organization', s.provider);
    ref(['services', i, 'team'], 'teams', 'team', s.team);
  }
}

function slasAndModels({ e, ref }: Ctx): void {
  for (const { index: i, value: s } of e.slas) ref(['slas', i, 'calendar'], 'calendars', 'calendar', s.calendar);
  for (const { index: i, value: d } of e.delivery_models) {
    d.teams.forEach((code, k) => ref(['delivery_models', i, 'teams', k], 'teams', 'team', code));
  }
}

/** References, dates in order, and only services of the contract's provider. */
function contracts({ e, known, ref, err }: Ctx): void {
  const byCode = new Map(e.services.map(({ value }) => [value.code, value]));
  for (const { index: i, value: c } of e.contracts) {
    ref(['contracts', i, 'customer'], 'organizations', 'organization', c.customer);
    ref(['contracts', i, 'provider'], 'organizations', 'organization', c.provider);
    ref(['contracts', i, 'sla'], 'slas', 'SLA', c.sla);
    if (c.end < c.start) err(['contracts', i, 'end'], `end "${c.end}" is before start "${c.start}"`);
    c.services.forEach((code, k) => {
      ref(['contracts', i, 'services', k], 'services', 'service', code);
      const service = byCode.get(code);
      // a service whose own provider is unknown was reported already; do not blame every contract for it
      const providerUnknown = service !== undefined && known.organizations !== null && !known.organizations.has(service.provider);
      if (service && !providerUnknown && service.provider !== c.provider) {
        const message = `service "${code}" is provided by "${service.provider}", not by the contract's provider "${c.provider}"`;
        err(['contracts', i, 'services', k], message);
      }
    });
  }
}

/** An organisation or a team: a tree by `parent`. */
interface TreeNode {
  code: string;
  parent: string | null;
}

/** Each entry's root (the ancestor without parent); entries on or below a cycle or a missing parent have none. */
function rootsOf(entries: Indexed<TreeNode>[]): Map<string, string> {
  const byCode = new Map(entries.map(({ value }) => [value.code, value]));
  const roots = new Map<string, string>();
  for (const { value } of entries) {
    let node: TreeNode | undefined = value;
    const seen = new Set<string>();
    while (node && node.parent !== null && !seen.has(node.code)) {
      seen.add(node.code);
      node = byCode.get(node.parent);
    }
    if (node && node.parent === null) roots.set(value.code, node.code);
  }
  return roots;
}

/** One error per cycle, on the entry of the cycle that comes first in the file. */
function parentCycles(list: 'organizations' | 'teams', entries: Indexed<TreeNode>[]): DirectoryIssue[] {
  const byCode = new Map(entries.map((entry) => [entry.value.code, entry]));
  const reported = new Set<string>();
  const out: DirectoryIssue[] = [];
  for (const start of entries) {
    const chain: string[] = [];
    let node: Indexed<TreeNode> | undefined = start;
    while (node && !chain.includes(node.value.code)) {
      chain.push(node.value.code);
      node = node.value.parent === null ? undefined : byCode.get(node.value.parent);
    }
    if (!node) continue;
    const cycle = chain.slice(chain.indexOf(node.value.code));
    if (cycle.some((code) => reported.has(code))) continue;
    cycle.forEach((code) => reported.add(code));
    const first = cycle.map((code) => byCode.get(code)!).sort((a, b) => a.index - b.index)[0];
    const from = cycle.indexOf(first.value.code);
    const loop = [...cycle.slice(from), ...cycle.slice(0, from), first.value.code];
    const message = `parent cycle: ${loop.map((c) => `"${c}"`).join(' → ')}`;
    out.push({ path: formatPath([list, first.index, 'parent']), message });
  }
  return out;
}
