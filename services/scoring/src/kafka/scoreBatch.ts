import { RejectedRecordError, type BatchHandler, type Codecs, type ConsumedRecord, type Outbox, type RefusedRecord } from '@leadflow/kit';
import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';
import { checkEventAge, emptyLeadHistory, initialLeadScoreState, leadActivityOf, type ScoringModel } from '../domain';
import { claimEventIds } from '../db/claimEventIds';
import { checkAppliedFloor, lockAppliedFloor } from '../retention';
import type { LeadRow } from '../db/LeadRow';
import type { LeadRowCache } from '../db/LeadRowCache';
import { loadLeads } from '../db/loadLeads';
import { saveLeads } from '../db/saveLeads';
import { scoreLeadActivity } from './scoreLeadActivity';

export interface ScoreBatchDeps {
  model: ScoringModel;
  outbox: Outbox;
  codecs: Codecs;
  /** The rows this process saved last, so a batch reads only the versions of the leads it finds there. */
  rows?: LeadRowCache;
  /** Puts the model's competitor name in place of a sealed company that names one (see `competitorRevealer`). */
  revealCompetitors?: (events: readonly LeadActivityEvent[], model: ScoringModel) => Promise<LeadActivityEvent[]>;
}

/**
 * Folds a batch of lead activity (the events of the raw topics that name their lead, and the visitor
 * activity stitching re-keyed; the rest of a raw topic is stitching's alone) with one state read and one write per lead, not per event, and
 * publishes the points of each touched lead's trajectory the batch makes: its scores at every event
 * time from the batch's earliest event of the lead on (all of them again when that event is late),
 * and at the grade crossings between them, through the outbox (published once the batch committed).
 * Events are deduplicated by id across redeliveries and paths (an event forwarded by an earlier
 * version of stitching is also read from its raw topic); events beyond the model's horizon, or older
 * than the ids kept for deduplication (the applied ids floor), are dead-lettered with the reason.
 */
export function scoreBatch(deps: ScoreBatchDeps): BatchHandler<ActivityEvent | LeadActivityEvent> {
  return async (records, tx) => {
    const refused: RefusedRecord[] = [];
    const leadKeyed = leadActivityIn(records);
    if (leadKeyed.length === 0) return refused;
    const floor = await lockAppliedFloor(tx);
    const candidates = uniqueByEventId(leadKeyed).filter((record) => {
      const reason = checkEventAge(record.value, deps.model, record.value.receivedAt) ?? checkAppliedFloor(record.value, floor);
      if (reason) refused.push({ record, error: new RejectedRecordError(reason) });
      return !reason;
    });
    const fresh = await claimEventIds(tx, candidates.map((r) => r.value));
    const claimed = candidates.map((r) => r.value).filter((e) => fresh.has(e.eventId));
    if (claimed.length === 0) return refused;
    const events = deps.revealCompetitors ? await deps.revealCompetitors(claimed, deps.model) : claimed;

    const stored = await loadLeads(tx, [...new Set(events.map((e) => e.leadId))], deps.rows);
    const byLead = new Map<string, LeadActivityEvent[]>();
    for (const event of events) {
      const leadEvents = byLead.get(event.leadId);
      if (leadEvents) leadEvents.push(event);
      else byLead.set(event.leadId, [event]);
    }
    const rescored = [...byLead].map(([leadId, leadEvents]) =>
      scoreLeadActivity(stored.get(leadId) ?? emptyRow(leadId), leadEvents, deps.model),
    );
    await deps.outbox.write(tx, deps.codecs.scores, rescored.flatMap((r) => r.scores));
    const versions = await saveLeads(tx, rescored.map((r) => r.row));
    for (const { row } of rescored) deps.rows?.put(row, versions.get(row.leadId) as string);
    return refused;
  };
}

const emptyRow = (leadId: string): LeadRow => ({
  leadId,
  state: initialLeadScoreState(),
  streamTime: 0,
  lastEmitted: null,
  nextCrossingAt: null,
  history: emptyLeadHistory(),
});

/** The records that are a lead's activity, as such; events only a visitor names are left to stitching. */
function leadActivityIn(records: ConsumedRecord<ActivityEvent | LeadActivityEvent>[]): ConsumedRecord<LeadActivityEvent>[] {
  const leadKeyed: ConsumedRecord<LeadActivityEvent>[] = [];
  for (const record of records) {
    const value = leadActivityOf(record.value);
    if (value) leadKeyed.push(value === record.value ? (record as ConsumedRecord<LeadActivityEvent>) : { ...record, value });
  }
  return leadKeyed;
}

function uniqueByEventId(records: ConsumedRecord<LeadActivityEvent>[]): ConsumedRecord<LeadActivityEvent>[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.value.eventId) && seen.add(r.value.eventId));
}
