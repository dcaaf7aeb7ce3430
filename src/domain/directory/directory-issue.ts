/**
 * A problem found in a directory file: the path of the offending entry (`contracts[3].sla`) and an English
 * sentence that quotes the offending value (`unknown SLA "sla-gold"`). Also turns zod issues into these.
 */
import type { z } from 'zod';

export interface DirectoryIssue {
  /** `contracts[3].sla`, `calendars[0].hours.mon[1]`; '' for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source file, when the reader knows it. */
  line?: number;
}

export type PathSegment = string | number;

export const formatPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((acc, s) => {
    if (typeof s === 'number') return `${acc}[${s}]`;
    return acc === '' ? String(s) : `${acc}.${String(s)}`;
  }, '');

/** Inverse of `formatPath` for paths it produced (keys without `.` or `[`). */
export const parsePath = (path: string): PathSegment[] => {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
};

/** A short rendering of a value for a message: strings quoted, objects by kind. */
export const show = (value: unknown): string => {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${String(value)}`;
};

/** The message for a value of the wrong type; a number where a string is expected says to quote it. */
export const typeMessage = (expected: string, input: unknown): string => {
  if (input === undefined) return 'is required';
  if (typeof input === 'number' && expected === 'a string') {
    return `expected a string, got the number ${input}: quote it ("${input}") so that no digit is lost`;
  }
  return `expected ${expected}, got ${show(input)}`;
};

type ZodIssue = z.core.$ZodIssue;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  date: 'a date',
};

/**
 * Of a failed union, the branch whose type matched the input (all its issues lie deeper than the union),
 * so that `holidays[1].name` is reported rather than "no branch matched".
 */
const matchedBranch = (errors: ZodIssue[][]): ZodIssue[] | undefined => {
  const deeper = errors.filter((branch) => branch.every((i) => i.path.length > 0 || i.code === 'custom'));
  return deeper.length === 1 ? deeper[0] : undefined;
};

/** Flattens zod issues into directory issues under `base` (the entry's path segments). */
export const issuesFromZod = (issues: readonly ZodIssue[], base: readonly PathSegment[]): DirectoryIssue[] => {
  const out: DirectoryIssue[] = [];
  for (const issue of issues) {
    const at = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...at, key]), message: `unknown key "${key}"` });
    } else if (issue.code === 'invalid_union' && matchedBranch(issue.errors)) {
      out.push(...issuesFromZod(matchedBranch(issue.errors)!, at as PathSegment[]));
    } else if (issue.code === 'invalid_type') {
      out.push({ path: formatPath(at), message: typeMessage(EXPECTED[issue.expected] ?? issue.expected, issue.input) });
    } else if (issue.code === 'invalid_value') {
      const options = issue.values.map((v) => String(v)).join(', ');
      const message =
        issue.input === undefined ? `is required (one of: ${options})` : `${show(issue.input)} is not one of: ${options}`;
      out.push({ path: formatPath(at), message });
    } else {
      out.push({ path: formatPath(at), message: issue.message });
    }
  }
  return out;
};
