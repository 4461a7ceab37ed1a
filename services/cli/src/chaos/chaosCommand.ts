import type { Command } from 'commander';
import { DEFAULT_CHAOS, flagOf, parseChaosOptions, type ChaosOptions } from './chaosOptions';
import { formatChaosReport } from './formatChaosReport';
import { runChaos } from './runChaos';

const HELP: Record<keyof ChaosOptions, string> = {
  events: 'events to send (at least)',
  leads: 'leads in the simulated population',
  kills: 'service instances to SIGKILL (each is restarted)',
  brokerRestarts: 'SIGKILL and restart the Kafka broker (0 or 1)',
  registryStopMs: 'stop the schema registry this long, once (0: never)',
  pgTerminations: 'rounds of pg_terminate_backend on the run’s database',
  rate: 'events per second sent to ingest',
  slaSeconds: 'SLA deadline of every grade, seconds',
  seed: 'seed of the population and the fault schedule',
  instances: 'instances of every service in the chaos run',
  settleTimeoutMs: 'how long a run may take to go quiet after its traffic',
  keep: 'keep both runs’ topics and databases for inspection (1) or drop them (0)',
};

/** `leadflow chaos`: prints the report table and a JSON line; exits 1 on any mismatch, 2 on bad flags. */
export function chaosCommand(program: Command): void {
  const command = program.command('chaos').description('run the pipeline twice on the same traffic, calm and under faults, and compare the outcomes');
  for (const name of Object.keys(HELP) as (keyof ChaosOptions)[]) command.option(`--${flagOf(name)} <n>`, `${HELP[name]} (default ${DEFAULT_CHAOS[name]})`);
  command.action(async (raw: Partial<Record<keyof ChaosOptions, string>>) => {
    const parsed = parseChaosOptions(raw);
    if (!parsed.ok) {
      console.error(parsed.errors.join('\n'));
      process.exitCode = 2;
      return;
    }
    const report = await runChaos(parsed.value, (line) => console.error(line));
    console.log(formatChaosReport(report));
    process.exitCode = report.mismatches === 0 ? 0 : 1;
  });
}
