/** Whose key seals a personal field: a known lead, or a visitor before (or without) identification. */
export interface Subject {
  kind: 'lead' | 'visitor';
  id: string;
}

/** The subject's name in `subject_keys`: `lead:<id>` or `visitor:<id>`. */
export const subjectName = (subject: Subject): string => `${subject.kind}:${subject.id}`;

export const leadSubject = (id: string): Subject => ({ kind: 'lead', id });
export const visitorSubject = (id: string): Subject => ({ kind: 'visitor', id });
