import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EngagementEvent } from '@leadflow/schemas';
import { commonConfig, consumerConfig, loadConfig } from '../config/loadConfig';
import { defineConsumer } from '../consumers/ConsumerGroup';
import type { ConsumedRecord, RefusedRecord } from '../kafka/ConsumedRecord';
import { startConsumerService, type RunningService } from '../service/startConsumerService';
import type { PoolClient } from 'pg';

/** What the test consumer does with each record before it records it as applied. */
export type TestBehaviour = (record: ConsumedRecord<EngagementEvent>, tx: PoolClient) => Promise<RefusedRecord | void>;

export const TEST_GROUP = 'fault-test';

/** A page view of `leadId` at `url`: the record the fault tests send. */
export const pageView = (leadId: string, url: string): EngagementEvent => ({
  eventId: randomUUID(),
  type: 'page_viewed',
  occurredAt: Date.now(),
  receivedAt: Date.now(),
  source: 'fault-test',
  leadId,
  payload: { url, durationSec: 30 },
});

const settingsSchema = z.object({ ...commonConfig, ...consumerConfig });

/**
 * A consumer service whose handler records every engagement record it applies in `applied` (no
 * unique key, so applying one twice shows), after `behaviour` had its say: the subject of the
 * fault-injection tests.
 */
export function startTestConsumer(env: Record<string, string>, behaviour: TestBehaviour = async () => undefined): Promise<RunningService> {
  return startConsumerService(loadConfig(settingsSchema, env), {
    name: 'faulttest',
    migrations: [{ name: '001_applied', sql: 'create table applied (event_id text not null, url text not null, partition int not null, "offset" bigint not null)' }],
    consumers: [
      defineConsumer({
        group: TEST_GROUP,
        topics: ['engagement'],
        handle: () => async (records, tx) => {
          const refused: RefusedRecord[] = [];
          for (const record of records) {
            const refusal = await behaviour(record, tx);
            if (refusal) {
              refused.push(refusal);
              continue;
            }
            const url = record.value.type === 'page_viewed' ? record.value.payload.url : record.value.type;
            await tx.query('insert into applied (event_id, url, partition, "offset") values ($1, $2, $3, $4)', [record.value.eventId, url, record.partition, record.offset]);
          }
          return refused;
        },
      }),
    ],
  });
}
