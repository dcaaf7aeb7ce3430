/** The codes of refusals the directory decides (who may act or file, which service and team may be used). */
export const DIRECTORY_ERRORS = [
  'DIRECTORY.EMPTY',
  'ORG.INACTIVE',
  'ORG.NO_CONTRACT',
  'PERSON.INACTIVE',
  'PERSON.NO_PROFILE',
  'PERSON.UNKNOWN',
  'SERVICE.NOT_CONTRACTED',
  'SERVICE.UNKNOWN',
  'TEAM.NOT_A_MEMBER',
  'TEAM.NOT_IN_DELIVERY_MODEL',
  'TEAM.UNKNOWN',
] as const;
export type DirectoryErrorCode = (typeof DIRECTORY_ERRORS)[number];

/** Why someone may not use the bot at all: the access problems an administrator can fix in the directory. */
export const ACCESS_ERRORS = [
  'PERSON.UNKNOWN',
  'PERSON.INACTIVE',
  'PERSON.NO_PROFILE',
  'ORG.INACTIVE',
  'ORG.NO_CONTRACT',
] as const satisfies readonly DirectoryErrorCode[];
export type AccessErrorCode = (typeof ACCESS_ERRORS)[number];

export function isAccessError(code: string): code is AccessErrorCode {
  return (ACCESS_ERRORS as readonly string[]).includes(code);
}
