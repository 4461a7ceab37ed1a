import { topics } from '@leadflow/schemas';
import { createLogger } from '../logging/createLogger';
import { valueSubject } from '../registry/registerTopicSchema';
import { isolatedRun, type IsolatedRun } from '../testing/isolatedRun';
import { connectPipeline } from './connectPipeline';

describe('services starting at the same moment on a new namespace, on the real broker and registry', () => {
  let run: IsolatedRun;

  beforeAll(async () => {
    run = await isolatedRun('start-race');
  });

  afterAll(async () => {
    await run?.cleanUp();
  });

  it('all connect: the topics and subjects one of them creates are found by the others', async () => {
    const settings = { KAFKA_BROKERS: [run.kafkaBrokers], SCHEMA_REGISTRY_URL: run.registryUrl, TOPIC_NAMESPACE: run.namespace };
    const logger = createLogger('start-race', 'silent');
    const started = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => connectPipeline(`start-race-${i}`, settings, logger)));

    expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
    // One version per subject, under BACKWARD compatibility: the race created nothing twice.
    for (const topic of Object.values(topics)) {
      const subject = valueSubject(`${run.namespace}${topic.name}`);
      expect(await (await fetch(`${run.registryUrl}/subjects/${encodeURIComponent(subject)}/versions`)).json()).toEqual([1]);
      expect(await (await fetch(`${run.registryUrl}/config/${encodeURIComponent(subject)}`)).json()).toMatchObject({ compatibilityLevel: 'BACKWARD' });
    }
  });
});
