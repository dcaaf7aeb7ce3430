/**
 * Change templates (docs/changes.md §1): the ordered steps a change of one kind goes through, as data
 * (`CHANGES_FILE`). Plain types; the file's validation is in `change-template.schema.ts`.
 */
import type { DurationUnit, Profile } from '../directory/directory.types';

export const STEP_KINDS = ['approve', 'implement', 'verify'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A step's team: a team code, or the requester's own team (`requester_team`). */
export const REQUESTER_TEAM = 'requester_team';

export interface ChangeStepTemplate {
  name: string;
  team: string;
  kind: StepKind;
  ttr: { value: number; unit: DurationUnit };
}

export interface ChangeRequesters {
  profiles: Profile[];
  teams: string[];
  /** Extension: members of these organisations (the seed's sales people belong to no team). */
  orgs: string[];
}

export interface ChangeTemplate {
  code: string;
  name: string;
  requesters: ChangeRequesters;
  steps: ChangeStepTemplate[];
}

export interface ChangeTemplates {
  templates: ChangeTemplate[];
}

export function findTemplate(set: ChangeTemplates, code: string): ChangeTemplate | undefined {
  const c = code.trim().toLowerCase();
  return set.templates.find((t) => t.code.toLowerCase() === c);
}
