import { Pool } from 'pg';
import { loadConfig, testing, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { projectionsConfigSchema, startProjections } from '@leadflow/projections';

const API_KEY = 'e2e-key-links-0001';

describe('tracked links, from the click to the analysts’ view', () => {
  let run: testing.IsolatedRun;
  let services: Stoppable[] = [];
  let ingestUrl: string;
  let pool: Pool;

  beforeAll(async () => {
    run = await testing.isolatedRun('links');
    const env = { ...run.env, INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:crm` };
    const ingest = await startIngest(loadConfig(ingestConfigSchema, env));
    ingestUrl = ingest.url;
    services = [ingest, await startProjections(loadConfig(projectionsConfigSchema, env))];
    pool = new Pool({ connectionString: run.databaseUrl });
  });

  afterAll(async () => {
    await pool?.end();
    for (const service of services.reverse()) await service.stop();
    await run?.cleanUp();
  });

  it('counts every open of a campaign link, and each visitor once', async () => {
    const created = await fetch(`${ingestUrl}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ campaign: 'winter-webinar', source: 'linkedin', medium: 'social', variant: 'a', targetUrl: 'https://www.example.com/webinar' }),
    });
    const { code } = (await created.json()) as { code: string };
    const open = (cookie?: string) => fetch(`${ingestUrl}/l/${code}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

    const first = await open();
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const answers = [first, await open(cookie), await open()];
    const read = () =>
      pool
        .query<{ campaign_id: string; source: string; link_id: string; opens: number; visitors: number }>('select campaign_id, source, link_id, opens, visitors from analytics.link_opens_daily')
        .then((r) => r.rows, () => []);
    let rows = await read();
    for (let i = 0; i < 60 && rows[0]?.opens !== 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      rows = await read();
    }

    expect(created.status).toBe(201);
    expect(answers.map((a) => [a.status, a.headers.get('location')])).toEqual(answers.map(() => [302, 'https://www.example.com/webinar']));
    expect(rows).toEqual([{ campaign_id: 'winter-webinar', source: 'linkedin', link_id: code, opens: 3, visitors: 2 }]);
  });
});
