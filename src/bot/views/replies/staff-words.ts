/** What the staff sync's catalogs (`staff.catalog.<locale>.ts`) hold: the lead's notice when people leave. */
export interface StaffWords {
  title: string;
  left: string;
  returned: string;
  filed: string;
  /** Between names and refs in a list. */
  separator: string;
}
