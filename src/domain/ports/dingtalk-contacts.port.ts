/** DingTalk's address book as the staff sync reads it (`topapi/v2/user/get`): a user's name and departments. */
export interface DingTalkContact {
  userId: string;
  name: string;
  /** Department ids as strings (the directory's `dingtalk_dept_id`). */
  deptIds: string[];
}

export interface DingTalkContacts {
  /** null when DingTalk does not know the user (any more). */
  user(userId: string): Promise<DingTalkContact | null>;
}
