import { runSimulation, type SimulationReport } from './runSimulation';
import { parseSimulationOptions } from './simulationOptions';

const line = (r: SimulationReport) =>
  `${r.sent}/${r.total} events sent in ${r.seconds.toFixed(1)} s (${r.seconds > 0 ? Math.round(r.sent / r.seconds) : 0}/s): ${r.accepted} accepted, ${r.refused} refused, ${r.retried} requests resent`;

/** `leadflow simulate`: the options checked, the traffic sent with progress every 5 s; Ctrl-C stops after the request in flight. */
export async function simulateCommand(raw: Record<string, string | undefined>): Promise<number> {
  const parsed = parseSimulationOptions(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const options = parsed.value;
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`simulating ${options.leads} leads and ${options.visitors} anonymous visitors at ${options.rate} events/s to ${options.ingestUrl}`);
  const report = await runSimulation(options, (progress) => console.log(line(progress)), () => stopped);
  console.log(`${stopped ? 'stopped: ' : 'done: '}${line(report)}`);
  return report.refused === 0 ? 0 : 1;
}
