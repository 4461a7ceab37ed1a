import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../testing/freePort';

const repoRoot = join(__dirname, '..', '..', '..', '..');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'services', 'cli', 'dist', 'main.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the demo on a machine where no PostgreSQL answers at DATABASE_URL', () => {
  const pgDir = mkdtempSync(join(tmpdir(), 'leadflow-embedded-pg-'));
  let env: NodeJS.ProcessEnv;
  let embeddedPort: number;

  beforeAll(async () => {
    const nobodyListens = await freePort();
    embeddedPort = await freePort();
    env = {
      ...process.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${nobodyListens}/leadflow`,
      LEADFLOW_PG_PORT: String(embeddedPort),
      LEADFLOW_PG_DIR: pgDir,
    };
  });

  afterAll(() => {
    spawnSync('bash', [join(repoRoot, 'infra', 'stack.sh'), 'down', 'postgres'], { env, stdio: 'inherit' });
    rmSync(pgDir, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL on its own port and runs the whole demo on it', async () => {
    const demo = await run(['demo', '--keep-stack'], env);

    expect(demo.stderr).toContain(`starting embedded PostgreSQL on 127.0.0.1:${embeddedPort}`);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/vera-\S+\s+Vera\s+A/);
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${embeddedPort}/leadflow_demo` });
    await client.connect();
    try {
      const { rows } = await client.query<{ leads: string }>('select count(*) as leads from analytics.lead_current');
      expect(Number(rows[0]?.leads)).toBeGreaterThanOrEqual(64);
    } finally {
      await client.end();
    }
  }, 600_000);
});
