/** The codes of refusals at intake, before a ticket is filed (the per-person filing limit). */
export const INTAKE_ERRORS = ['INTAKE.TOO_MANY'] as const;
export type IntakeErrorCode = (typeof INTAKE_ERRORS)[number];
