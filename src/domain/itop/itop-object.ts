/**
 * What the iTop REST/JSON API (`core/get`, version 1.3) hands back, as plain data (docs/itop-import.md): every
 * object has a class, a string key and its fields; foreign keys are strings and an empty one is `"0"`.
 */

export type ItopFields = Readonly<Record<string, unknown>>;

export interface ItopObject {
  readonly class: string;
  readonly key: string;
  readonly fields: ItopFields;
}

/** The classes the directory is read from, in reading order, with the fields asked for (never `*`). */
export const ITOP_DIRECTORY_CLASSES = {
  Organization: ['name', 'code', 'status', 'parent_id', 'deliverymodel_id'],
  Person: ['name', 'first_name', 'status', 'org_id', 'email', 'mobile_phone', 'user_list'],
  Team: ['name', 'status', 'org_id'],
  lnkPersonToTeam: ['team_id', 'person_id', 'role_name'],
  ServiceFamily: ['name'],
  Service: ['name', 'org_id', 'servicefamily_id', 'status'],
  ServiceSubcategory: ['name', 'service_id', 'request_type', 'status'],
  lnkContactToService: ['service_id', 'contact_id'],
  SLA: ['name', 'org_id'],
  lnkSLAToSLT: ['sla_id', 'slt_id', 'slt_name', 'slt_metric', 'slt_request_type', 'slt_ticket_priority', 'slt_value', 'slt_value_unit'],
  CustomerContract: ['name', 'org_id', 'provider_id', 'status', 'start_date', 'end_date'],
  lnkCustomerContractToService: ['customercontract_id', 'service_id', 'sla_id'],
  DeliveryModel: ['name', 'org_id'],
  lnkDeliveryModelToContact: ['deliverymodel_id', 'contact_id', 'role_name'],
} as const;

export type ItopDirectoryClass = keyof typeof ITOP_DIRECTORY_CLASSES;

/** Everything read from one iTop instance, by class. */
export type ItopSnapshot = Readonly<Record<ItopDirectoryClass, readonly ItopObject[]>>;

/** `Class::key`, as iTop names an object in its answers. */
export const itopRef = (o: Pick<ItopObject, 'class' | 'key'>): string => `${o.class}::${o.key}`;

/** A field as a trimmed string (`""` when absent or not a scalar). */
export const str = (o: ItopObject, field: string): string => {
  const v = o.fields[field];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
};

/** A foreign key: null for iTop's empty key `"0"` (or absent). */
export const fk = (o: ItopObject, field: string): string | null => {
  const v = str(o, field);
  return v === '' || v === '0' ? null : v;
};
