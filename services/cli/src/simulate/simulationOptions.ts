import type { Parsed } from '../start/startOptions';

export interface SimulationOptions {
  ingestUrl: string;
  apiKey: string;
  /** Events per second. */
  rate: number;
  leads: number;
  visitors: number;
  seed: number;
}

const wholeNumber = (errors: string[], flag: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
  const value = Number(raw ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) errors.push(`${flag}: ${raw} is not a whole number from ${min} to ${max}`);
  return value;
};

/** Checks `leadflow simulate`'s options, naming every bad value. */
export function parseSimulationOptions(raw: { ingestUrl?: string; apiKey?: string; rate?: string; leads?: string; visitors?: string; seed?: string }): Parsed<SimulationOptions> {
  const errors: string[] = [];
  const ingestUrl = raw.ingestUrl ?? 'http://127.0.0.1:18080';
  if (!URL.canParse(ingestUrl) || !/^https?:$/.test(new URL(ingestUrl).protocol)) errors.push(`--ingest-url: ${ingestUrl} is not an http(s) URL`);
  const apiKey = raw.apiKey ?? '';
  if (apiKey === '') errors.push('--api-key: required (or LEADFLOW_API_KEY): the key `leadflow start` printed, or one from `leadflow keys create`');
  else if (apiKey.length < 12) errors.push('--api-key: ingest keys have at least 12 characters');
  const rate = wholeNumber(errors, '--rate', raw.rate, 50, 1, 100_000);
  const leads = wholeNumber(errors, '--leads', raw.leads, 100, 0, 1_000_000);
  const visitors = wholeNumber(errors, '--visitors', raw.visitors, Math.max(0, leads) * 5, 0, 10_000_000);
  const seed = wholeNumber(errors, '--seed', raw.seed, 20_261_125, 0, 2 ** 31);
  if (leads + visitors === 0) errors.push('--leads and --visitors: nothing to send');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ingestUrl: ingestUrl.replace(/\/$/, ''), apiKey, rate, leads, visitors, seed } };
}
