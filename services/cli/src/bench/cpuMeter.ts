import { readFileSync } from 'node:fs';

/** CPU time spent while a phase ran: by this process, and by the whole machine (every core, every process). */
export interface CpuSpent {
  processUs: number;
  machineUs: number;
}

/** Clock ticks per second of /proc/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Busy ticks of all cores so far (all but idle and iowait), or undefined off Linux. */
function machineBusyTicks(): number | undefined {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const ticks = fields.map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return total - (ticks[3] ?? 0) - (ticks[4] ?? 0);
  } catch {
    return undefined;
  }
}

/** Starts measuring; the returned function gives the CPU time spent since. */
export function startCpuMeter(): () => CpuSpent {
  const process0 = process.cpuUsage();
  const machine0 = machineBusyTicks();
  return () => {
    const used = process.cpuUsage(process0);
    const machine1 = machineBusyTicks();
    const machineTicks = machine0 === undefined || machine1 === undefined ? Number.NaN : machine1 - machine0;
    return { processUs: used.user + used.system, machineUs: (machineTicks * 1_000_000) / TICKS_PER_SECOND };
  };
}
