/**
 * The help a person gets, by what they may do (docs/interfaces.md "Chat additions"): whether they may file, and
 * whether they are an agent. Used by the `help` command and by intake (small talk, a person who cannot file).
 */
import type { Directory } from '../../domain/directory/directory';
import type { ChatLayerDeps } from '../chat-deps';
import { helpText } from '../views/replies/help-text';
import { checkFiler, type Reader } from './sender';

export function helpFor(deps: ChatLayerDeps, dir: Directory, reader: Reader): string {
  const filer = checkFiler(dir, reader, deps.clock.now());
  const id = reader.person?.id;
  const isAgent =
    !!id && (dir.teamsOf(id).length > 0 || dir.hasProfile(id, 'support_agent', 'service_desk_agent', 'problem_manager', 'administrator'));
  return helpText(reader.catalog, { cannotFile: filer.ok ? null : filer.error.sentence, isAgent });
}
