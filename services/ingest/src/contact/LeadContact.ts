/** What sales may know of a handed-off lead: the personal fields the pipeline holds sealed, opened. */
export interface LeadContact {
  leadId: string;
  email?: string;
  name?: string;
  company?: string;
  role?: string;
  questions: { text: string; topic: string; occurredAt: string }[];
  bant: { dimension: string; role?: string; painPoints?: string[]; occurredAt: string }[];
  /** When the lead was handed to sales (its SQL), if it was. */
  handedOffAt?: string;
}

/** A lead's contact details, or why there are none. */
export type ContactLookup =
  | { status: 'found'; contact: LeadContact }
  /** Not handed off to sales (no SQL that stands), or unknown. */
  | { status: 'not_found' }
  /** The person was erased: nothing personal is left to give. */
  | { status: 'erased' };
