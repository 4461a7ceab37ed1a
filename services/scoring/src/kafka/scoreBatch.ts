import type { Producer } from 'kafkajs';
import type { PoolClient } from 'pg';
import { v5 as uuidv5 } from 'uuid';
import {
  publishRecords,
  RejectedRecordError,
  type BatchHandler,
  type Codecs,
  type ConsumedRecord,
  type RefusedRecord,
} from '@leadflow/kit';
import type { LeadActivityEvent, LeadScored } from '@leadflow/schemas';
import { checkEventAge, evaluateScores, foldActivity, initialLeadScoreState, mergeLeadScoreStates, type ScoringModel } from '../domain';
import { claimEventIds } from '../db/claimEventIds';
import { loadAliases } from '../db/loadAliases';
import { loadSubjects } from '../db/loadSubjects';
import { saveAliases } from '../db/saveAliases';
import { saveSubjects } from '../db/saveSubjects';
import type { EmittedScores, SubjectRow } from '../db/SubjectRow';

/** Namespace of the deterministic ids of score events. */
const SCORES_ID_NAMESPACE = '0b8e5c55-4f1e-4d43-9a53-3f7d1c2a9e61';

export interface ScoreBatchDeps {
  model: ScoringModel;
  producer: Producer;
  codecs: Codecs;
}

/**
 * Applies a batch of activity to the subjects' fold state with one read and one write per subject,
 * and publishes a lead's scores when they changed. Score ids derive from the lead and the number of
 * events applied, so a redelivered batch republishes the same ids.
 */
export function scoreBatch(deps: ScoreBatchDeps): BatchHandler<LeadActivityEvent> {
  return async (records, tx) => {
    const refused: RefusedRecord[] = [];
    const candidates = uniqueByEventId(records).filter((record) => {
      const reason = checkEventAge(record.value, deps.model, record.value.receivedAt);
      if (reason) refused.push({ record, error: new RejectedRecordError(reason) });
      return !reason;
    });
    const fresh = await claimEventIds(tx, candidates.map((r) => r.value.eventId));
    const events = candidates.map((r) => r.value).filter((e) => fresh.has(e.eventId));
    if (events.length === 0) return refused;

    const aliases = await resolveAliases(tx, events);
    const targets = new Set(events.map((e) => subjectOf(e, aliases)));
    const rows = await loadSubjects(tx, [...targets, ...identifications(events).map((e) => e.anonymousId)]);

    const touched = new Map<string, SubjectRow>();
    const causes = new Map<string, string[]>();
    const mergedAway: string[] = [];
    for (const event of [...events].sort((a, b) => a.occurredAt - b.occurredAt)) {
      const subjectId = subjectOf(event, aliases);
      const row = touched.get(subjectId) ?? rows.get(subjectId) ?? emptyRow(subjectId);
      const visitorId = event.type === 'lead_identified' ? event.payload.anonymousId : undefined;
      const visitor = visitorId ? (touched.get(visitorId) ?? rows.get(visitorId)) : undefined;
      if (visitor && !visitor.isLead) {
        touched.delete(visitor.subjectId);
        rows.delete(visitor.subjectId);
        mergedAway.push(visitor.subjectId);
      }
      touched.set(subjectId, applyEvent(row, event, deps.model, visitor?.isLead ? undefined : visitor));
      causes.set(subjectId, [...(causes.get(subjectId) ?? []), event.eventId]);
    }
    const scores = [...touched.values()].flatMap((row) => emitIfChanged(row, deps.model, causes.get(row.subjectId) ?? []));
    await publishRecords(deps.producer, deps.codecs.scores, scores);
    await saveAliases(tx, identifications(events).map((e) => ({ ...e, at: e.occurredAt })));
    await saveSubjects(tx, [...touched.values()], mergedAway);
    return refused;
  };
}

/** Folds one event into a subject; a lead's identification first merges the visitor's history in. */
function applyEvent(row: SubjectRow, event: LeadActivityEvent, model: ScoringModel, visitor: SubjectRow | undefined): SubjectRow {
  const state = visitor ? mergeLeadScoreStates(row.state, visitor.state, model) : row.state;
  return {
    ...row,
    isLead: row.isLead || row.subjectId !== event.anonymousId,
    state: foldActivity(state, event, model),
    streamTime: Math.max(row.streamTime, event.occurredAt, visitor?.streamTime ?? 0),
  };
}

function emitIfChanged(row: SubjectRow, model: ScoringModel, causeEventIds: string[]): LeadScored[] {
  if (!row.isLead) return [];
  const evaluation = evaluateScores(row.state, model, row.streamTime);
  const current: EmittedScores = {
    total: evaluation.total,
    grade: evaluation.grade,
    fit: round1(evaluation.fit),
    intent: round1(evaluation.intent),
    readiness: round1(evaluation.readiness),
  };
  const previous = row.lastEmitted;
  if (previous && JSON.stringify(previous) === JSON.stringify(current)) return [];
  row.lastEmitted = current;
  return [
    {
      eventId: uuidv5(`${row.subjectId}/${row.state.eventsApplied}`, SCORES_ID_NAMESPACE),
      leadId: row.subjectId,
      modelVersion: model.version,
      evaluatedAt: row.streamTime,
      cause: 'event',
      causeEventIds: causeEventIds.slice(-20),
      fit: evaluation.fit,
      intent: evaluation.intent,
      readiness: evaluation.readiness,
      total: evaluation.total,
      grade: evaluation.grade,
      ...(previous ? { previousGrade: previous.grade as LeadScored['grade'] } : {}),
      breakdown: evaluation.breakdown,
      signals: evaluation.signals,
      eventsApplied: row.state.eventsApplied,
    },
  ];
}

async function resolveAliases(tx: PoolClient, events: LeadActivityEvent[]): Promise<Map<string, string>> {
  const visitorsOnly = events.filter((e) => !e.leadId && e.anonymousId).map((e) => e.anonymousId as string);
  const aliases = await loadAliases(tx, [...new Set(visitorsOnly)]);
  for (const { anonymousId, leadId } of identifications(events)) if (!aliases.has(anonymousId)) aliases.set(anonymousId, leadId);
  return aliases;
}

function identifications(events: LeadActivityEvent[]): { anonymousId: string; leadId: string; occurredAt: number }[] {
  return events.flatMap((e) =>
    e.type === 'lead_identified'
      ? [{ anonymousId: e.payload.anonymousId, leadId: e.payload.leadId, occurredAt: e.occurredAt }]
      : [],
  );
}

/** The subject whose state an event changes: the lead when known, else the visitor. */
function subjectOf(event: LeadActivityEvent, aliases: Map<string, string>): string {
  if (event.type === 'lead_identified') return event.payload.leadId;
  if (event.leadId) return event.leadId;
  const anonymousId = event.anonymousId as string;
  return aliases.get(anonymousId) ?? anonymousId;
}

function emptyRow(subjectId: string): SubjectRow {
  return { subjectId, isLead: false, state: initialLeadScoreState(), streamTime: 0, lastEmitted: null };
}

function uniqueByEventId(records: ConsumedRecord<LeadActivityEvent>[]): ConsumedRecord<LeadActivityEvent>[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.value.eventId) && seen.add(r.value.eventId));
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
