import type { Pool } from 'pg';
import { MasterKeys, migrate, subjectKeysMigrations, SubjectKeyring } from '@leadflow/kit';
import { isSealedField, type LeadActivityEvent } from '@leadflow/schemas';
import type { ScoringModel } from '../domain';

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The one personal field scoring looks into: the company of an identification, for the
 * competitor check. Opened in memory only; an identification naming a competitor gets the model's
 * name of that competitor (configuration, not what the person wrote) in its place, any other keeps
 * its envelope, so neither the state nor the history nor the scores ever hold the person's text.
 */
export function competitorRevealer(pool: Pool, masters: MasterKeys): (events: readonly LeadActivityEvent[], model: ScoringModel) => Promise<LeadActivityEvent[]> {
  let keyring: Promise<SubjectKeyring> | undefined;
  // a failed first attempt (Postgres away) is not kept: the batch's retry tries again
  const ready = () =>
    (keyring ??= migrate(pool, 'subject-keys', subjectKeysMigrations)
      .then(() => new SubjectKeyring(pool, masters))
      .catch((error: unknown) => {
        keyring = undefined;
        throw error;
      }));
  return async (events, model) => {
    const competitors = model.negativeSignals.competitorCompanies;
    if (competitors.length === 0) return [...events];
    const revealed: LeadActivityEvent[] = [];
    // One at a time: the keys come from the pool the batch's own transaction holds a connection of,
    // and a batch of identifications opened at once would queue past the pool's connect timeout.
    for (const event of events) {
      if (event.type !== 'lead_identified' || event.payload.company === undefined || !isSealedField(event.payload.company)) {
        revealed.push(event);
        continue;
      }
      const opened = await (await ready()).open('lead_identified.company', event.payload.company);
      const named = opened.status === 'open' ? competitors.find((c) => sameName(c, opened.value)) : undefined;
      revealed.push(named === undefined ? event : { ...event, payload: { ...event.payload, company: named } });
    }
    return revealed;
  };
}
