/**
 * The change-template file (`CHANGES_FILE`, docs/changes.md §1) and its validation. Every problem is reported at
 * once with its path (`templates[0].steps[1].team`): an unknown team (with a directory), an empty step list, a
 * duplicate code, an unknown kind, a bad TTR, an unknown key.
 */
import { z } from 'zod';
import type { Directory } from '../directory/directory';
import { issuesFromZod, type DirectoryIssue } from '../directory/directory-issue';
import { PROFILES } from '../directory/directory.types';
import { err, ok, type Result } from '../shared/result';
import { REQUESTER_TEAM, STEP_KINDS, type ChangeTemplate, type ChangeTemplates } from './change-template';

export const CHANGE_TEMPLATES_VERSION = 1;

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** One of `values`, naming the offending value (`unknown kind "deploy" (one of: …)`). */
const oneOf = <T extends string>(what: string, values: readonly T[]) =>
  z.string().transform((v, ctx): T => {
    if (!(values as readonly string[]).includes(v)) {
      ctx.addIssue({ code: 'custom', message: `unknown ${what} "${v}" (one of: ${values.join(', ')})`, input: v });
      return z.NEVER;
    }
    return v as T;
  });

const stepSchema = z.strictObject({
  name: z.string().trim().min(1, 'a step needs a name'),
  team: z.string().trim().min(1, 'a step needs a team (a team code or requester_team)'),
  kind: oneOf('kind', STEP_KINDS),
  ttr: z.strictObject({
    value: z.number().positive('the TTR must be more than 0'),
    unit: oneOf('unit', ['seconds', 'minutes', 'hours', 'days'] as const),
  }),
});

const templateSchema = z.strictObject({
  code: z.string().regex(CODE, 'a code of lowercase letters, digits and "-" (like app-release)'),
  name: z.string().trim().min(1, 'a template needs a name'),
  requesters: z
    .strictObject({
      profiles: z.array(z.enum(PROFILES)).optional(),
      teams: z.array(z.string().min(1)).optional(),
      orgs: z.array(z.string().min(1)).optional(),
    })
    .refine((r) => (r.profiles?.length ?? 0) + (r.teams?.length ?? 0) + (r.orgs?.length ?? 0) > 0, {
      message: 'name who may request it: profiles, teams or orgs',
    }),
  steps: z.array(stepSchema).min(1, 'a template needs at least one step'),
});

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parsed YAML document → the templates, or every issue found. With a directory, named teams/orgs must exist. */
export function parseChangeTemplates(raw: unknown, dir?: Directory): Result<ChangeTemplates, DirectoryIssue[]> {
  const issues: DirectoryIssue[] = [];
  if (!isMap(raw)) return err([{ path: '', message: 'expected a map with version and templates' }]);
  for (const key of Object.keys(raw)) {
    if (key !== 'version' && key !== 'templates') issues.push({ path: key, message: `unknown key "${key}"` });
  }
  if (raw.version !== CHANGE_TEMPLATES_VERSION) {
    issues.push({ path: 'version', message: `expected ${CHANGE_TEMPLATES_VERSION}, got ${JSON.stringify(raw.version ?? null)}` });
  }
  if (!Array.isArray(raw.templates)) {
    issues.push({ path: 'templates', message: 'expected a list of templates' });
    return err(issues);
  }
  const templates: ChangeTemplate[] = [];
  const seen = new Map<string, number>();
  raw.templates.forEach((entry: unknown, i: number) => {
    const parsed = templateSchema.safeParse(entry);
    if (!parsed.success) {
      issues.push(...issuesFromZod(parsed.error.issues, ['templates', i]));
      return;
    }
    const t = parsed.data;
    const first = seen.get(t.code);
    if (first !== undefined) {
      issues.push({ path: `templates[${i}].code`, message: `duplicate code "${t.code}" (also templates[${first}])` });
      return;
    }
    seen.set(t.code, i);
    let bad = false;
    if (dir) {
      (t.requesters.teams ?? []).forEach((team, j) => {
        if (!dir.team(team)) {
          issues.push({ path: `templates[${i}].requesters.teams[${j}]`, message: `unknown team "${team}"` });
          bad = true;
        }
      });
      (t.requesters.orgs ?? []).forEach((org, j) => {
        if (!dir.org(org)) {
          issues.push({ path: `templates[${i}].requesters.orgs[${j}]`, message: `unknown organisation "${org}"` });
          bad = true;
        }
      });
      t.steps.forEach((s, j) => {
        if (s.team !== REQUESTER_TEAM && !dir.team(s.team)) {
          issues.push({ path: `templates[${i}].steps[${j}].team`, message: `unknown team "${s.team}"` });
          bad = true;
        }
      });
    }
    if (bad) return;
    templates.push({
      code: t.code,
      name: t.name,
      requesters: { profiles: t.requesters.profiles ?? [], teams: t.requesters.teams ?? [], orgs: t.requesters.orgs ?? [] },
      steps: t.steps.map((s) => ({ name: s.name, team: s.team, kind: s.kind, ttr: s.ttr })),
    });
  });
  return issues.length ? err(issues) : ok({ templates });
}
