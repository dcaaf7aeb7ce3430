/**
 * iTop profile names (URP_Profiles, as `user_list[].profile_list[].profile` gives them) → directory profiles
 * (docs/directory-format.md "Profiles"; docs/itop-import.md). A profile missing here has no counterpart.
 */
export const ITOP_PROFILE_MAP: Readonly<Record<string, string>> = {
  'Portal user': 'portal_user',
  'Portal power user': 'portal_power_user',
  'Service Desk Agent': 'service_desk_agent',
  'Support Agent': 'support_agent',
  'Problem Manager': 'problem_manager',
  'Service Manager': 'service_manager',
  Administrator: 'administrator',
  'Configuration Manager': 'configuration_manager',
  'Change Implementor': 'change_implementor',
  'Change Supervisor': 'change_supervisor',
  'Change Approver': 'change_approver',
  'Document author': 'document_author',
};

/** The profile of a person without an iTop user account: an agent when in a team, else a caller. */
export const PROFILE_WITHOUT_ACCOUNT = 'portal_user';
export const PROFILE_OF_TEAM_MEMBER = 'support_agent';
