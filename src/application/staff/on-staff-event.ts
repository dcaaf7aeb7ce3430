/**
 * A DingTalk address-book event → the staff sync (docs/domain.md §6.2). `user_leave_org`: each known person becomes
 * inactive. `user_add_org` / `user_modify_org` carry no department: the user is looked up, and when one of their
 * departments is mapped to an organisation (`dingtalk_dept_id`) they are created (`dt-<userid>`, `portal_user`) or
 * updated there (name, organisation; `portal_user` added; `user_add_org` also reactivates). A known person whose
 * organisation is mapped to a DingTalk department and whom `user_modify_org` finds in no mapped department has moved
 * out: they leave as with `user_leave_org` (inactive, their assigned tickets back to the queue; docs/domain.md
 * §6.2). Other users of unmapped departments and unknown users are logged and left alone.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { StaffEvent, StaffEventHandler } from '../../domain/ports/chat-inbound.port';
import type { DingTalkContacts } from '../../domain/ports/dingtalk-contacts.port';
import type { Log } from '../../domain/ports/log.port';
import { newStaffPerson } from '../../domain/staff/staff-change';
import { syncStaff, type StaffSyncDeps, type StaffTarget } from './sync-staff';

/**
 * Whether a person the lookup finds in no mapped department has moved out of the mapped ones: their organisation is
 * one the directory maps to a DingTalk department (people of unmapped organisations are the directory file's, not
 * the address book's). Already inactive: nothing to do.
 */
function movedOut(dir: Directory, person: Person): boolean {
  return person.status === 'active' && dir.org(person.org)?.dingtalkDeptId !== undefined;
}

export function staffEventHandler(deps: StaffSyncDeps & { contacts: DingTalkContacts; log: Log }): StaffEventHandler {
  return {
    async onStaffEvent(event: StaffEvent): Promise<void> {
      const log = deps.log.child({ eventId: event.eventId, eventType: event.type });
      const dir = await deps.directory.current();
      if (!dir) throw new Error('no directory is stored yet: import one first');
      const desired: StaffTarget[] = [];
      for (const userId of event.userIds) {
        const known = dir.personByUserId(userId);
        if (event.type === 'user_leave_org') {
          if (known) desired.push({ deactivate: known.id });
          else log.info('staff.event.unknown_user', { userId });
          continue;
        }
        const contact = await deps.contacts.user(userId);
        const org = contact?.deptIds.map((d) => dir.orgsOfDingtalkDept(d)[0]).find((o) => o !== undefined);
        if (event.type === 'user_modify_org' && contact && !org && known && movedOut(dir, known)) {
          log.info('staff.event.moved_out', { userId, deptIds: contact.deptIds });
          desired.push({ deactivate: known.id });
          continue;
        }
        if (!contact || !org) {
          log.info('staff.event.unmapped_user', { userId, deptIds: contact?.deptIds ?? [] });
          continue;
        }
        if (!known) {
          desired.push(newStaffPerson({ id: `dt-${userId}`, name: contact.name || userId, org: org.code, dingtalkUserId: userId }));
          continue;
        }
        const profiles = known.profiles.includes('portal_user') ? known.profiles : [...known.profiles, 'portal_user' as const];
        const status = event.type === 'user_add_org' ? 'active' : known.status;
        desired.push({ ...known, name: contact.name || known.name, org: org.code, profiles, status });
      }
      if (desired.length === 0) return;
      const result = await syncStaff(deps, desired, { eventKey: `dingtalk:${event.eventId}`, source: 'dingtalk' });
      log.info('staff.event.applied', { changes: result.changes.map((c) => `${c.kind}:${c.after.id}`), returned: result.returned, told: result.told });
    },
  };
}
