/**
 * Reads and writes directory files (docs/directory-format.md). YAML and JSON are both read with the `yaml`
 * package's core schema, so dates stay `YYYY-MM-DD` strings and `0100` stays visible as a number to refuse.
 * Syntax errors and validation issues carry the line they point at. Writing renders `serializeDirectory`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Node } from 'yaml';
import type { DirectoryIssue } from '../../domain/directory/directory-issue';
import { parsePath } from '../../domain/directory/directory-issue';
import type { PathSegment } from '../../domain/directory/directory-issue';
import type { DirectoryValidation } from '../../domain/directory/validate-directory';
import { validateDirectory } from '../../domain/directory/validate-directory';
import { serializeDirectory } from '../../domain/directory/serialize-directory';
import type { DirectoryData } from '../../domain/directory/directory.types';
import { err, ok, type Result } from '../../domain/shared/result';

export interface DirectorySource {
  /** The document as plain data, for `validateDirectory`. */
  raw: unknown;
  /** The 1-based line of the entry at `path` (`contracts[3].sla`: its key), or of its nearest ancestor in the text. */
  lineOf(path: string): number | undefined;
}

export type DirectorySourceResult = Result<DirectorySource, DirectoryIssue[]>;

/** Parses YAML (or JSON) text; syntax errors come back as issues with their line, never thrown. */
export function parseDirectoryText(text: string): DirectorySourceResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', prettyErrors: false, lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { path: '', line, message: `YAML syntax error at line ${line}, column ${col}: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err([{ path: '', message: `YAML error: ${(e as Error).message}` }]);
  }
  const lineOf = (path: string): number | undefined => lineOfPath(doc.contents, parsePath(path), lines);
  return ok({ raw, lineOf });
}

/** The line of a map entry's key or of a list item, walking down the path as far as the text goes. */
function lineOfPath(root: unknown, segments: PathSegment[], lines: LineCounter): number | undefined {
  let node = root;
  let range: readonly number[] | undefined = isNode(root) ? root.range ?? undefined : undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      range = isScalar(pair.key) ? pair.key.range ?? range : range;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && isNode(node.items[segment])) {
      node = node.items[segment];
      range = (node as Node).range ?? range;
    } else break;
  }
  return range ? lines.linePos(range[0]).line : undefined;
}

/** The file's text, or an issue saying why it cannot be read (ENOENT, EACCES, …). */
async function readText(filePath: string): Promise<Result<string, DirectoryIssue[]>> {
  try {
    return ok(await readFile(filePath, 'utf8'));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return err([{ path: '', message: `cannot read ${filePath}: ${reason}` }]);
  }
}

export async function readDirectoryFile(filePath: string): Promise<DirectorySourceResult> {
  const read = await readText(filePath);
  return read.ok ? parseDirectoryText(read.value) : read;
}

/** Parses and validates text; every issue carries its line when the text has one, in the order of the file. */
export function loadDirectoryText(text: string): DirectoryValidation {
  const source = parseDirectoryText(text);
  if (!source.ok) return err({ issues: source.error, warnings: [] });
  const located = (issues: DirectoryIssue[]): DirectoryIssue[] =>
    issues
      .map((i) => {
        const line = source.value.lineOf(i.path);
        return line === undefined ? i : { ...i, line };
      })
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const result = validateDirectory(source.value.raw);
  return result.ok
    ? ok({ data: result.value.data, warnings: located(result.value.warnings) })
    : err({ issues: located(result.error.issues), warnings: located(result.error.warnings) });
}

/** Reads, parses and validates a directory file: what an import runs before writing anything. */
export async function loadDirectoryFile(filePath: string): Promise<DirectoryValidation> {
  const read = await readText(filePath);
  return read.ok ? loadDirectoryText(read.value) : err({ issues: read.error, warnings: [] });
}

const FLOW_MAX = 200;

/** YAML text of the directory; short entries (members, targets, people, …) on one line, as in the demo file. */
export function directoryToYaml(data: DirectoryData): string {
  const doc = new Document(serializeDirectory(data), { schema: 'core' });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_, node) {
      // an entry (some scalar fields, short lists at most) goes on one line; a map of lists (hours) does not
      const scalarList = (v: unknown) => isSeq(v) && v.items.every((i) => isScalar(i));
      const entry = node.items.some((p) => isScalar(p.value)) && node.items.every((p) => isScalar(p.value) || scalarList(p.value));
      if (entry && JSON.stringify(node.toJSON()).length <= FLOW_MAX) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export async function writeDirectoryFile(filePath: string, data: DirectoryData): Promise<void> {
  await writeFile(filePath, directoryToYaml(data), 'utf8');
}
