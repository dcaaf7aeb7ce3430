/**
 * Inputs and outputs of the iTop → directory mapping (docs/itop-import.md): the options that fill what iTop
 * lacks, the values filled from them, and the items that do not map, each with its iTop class and key.
 */
import type { DirectoryFile } from '../directory/directory-file.schema';

export interface ItopMappingOptions {
  /** `--orgs`: the key, code or name of the organisation whose subtree is read; null: every organisation. */
  readonly rootOrg: string | null;
  /** `--dingtalk-id-field`: the Person field holding the DingTalk user id. */
  readonly dingtalkIdField: string;
  /** `--person-id-field`: the Person field giving the directory person id; null: `person-<key>`. */
  readonly personIdField: string | null;
  /** `--lead-role` / `--contact-role`: iTop role names (lnkPersonToTeam.role_name) meaning lead / contact. */
  readonly leadRoles: readonly string[];
  readonly contactRoles: readonly string[];
  /** `--calendar`: calendar code of every SLA (iTop's SLTs carry none). */
  readonly calendar: string;
  /** `--contract-start` / `--contract-end`: dates for contracts whose iTop dates are empty. */
  readonly contractStart: string;
  readonly contractEnd: string;
  /** `--family`: the service family of services that have none in iTop. */
  readonly familyCode: string;
  readonly familyName: string;
}

/** A value iTop did not have, filled from an option or a stated default: what to review. */
export interface ItopFilledValue {
  readonly itop: string;
  readonly field: string;
  readonly value: string;
  /** The option that set it (or would change it). */
  readonly from: string;
}

export const ITOP_GAP_KINDS = [
  'person-without-dingtalk-id',
  'dingtalk-id-collision',
  'team-without-members',
  'member-outside-selection',
  'member-of-another-company-tree',
  'service-without-team',
  'contract-service-of-another-provider',
  'contract-link-without-sla',
  'contract-without-services',
  'contract-outside-selection',
  'slt-not-mappable',
  'delivery-model-contact-not-a-team',
  'profile-without-counterpart',
  'name-collision',
  'code-collision',
  'dangling-reference',
] as const;
export type ItopGapKind = (typeof ITOP_GAP_KINDS)[number];

/** An iTop item that did not map (or mapped only partly), with why. */
export interface ItopGap {
  readonly kind: ItopGapKind;
  readonly itop: string;
  readonly message: string;
}

export interface ItopMapping {
  readonly file: DirectoryFile;
  readonly filled: readonly ItopFilledValue[];
  readonly gaps: readonly ItopGap[];
  /** Objects left out because they are outside `--orgs` (not gaps: asked for). */
  readonly outsideSelection: number;
}

export type ItopMappingError =
  | { readonly kind: 'unknown-root-org'; readonly rootOrg: string }
  | { readonly kind: 'unknown-calendar'; readonly calendar: string }
  | { readonly kind: 'no-organizations' };
