import pino, { type Logger } from 'pino';

/** Paths whose values are personal data and never reach a log line. */
const PII_PATHS = [
  'email',
  'payload.email',
  'event.payload.email',
  'event.payload.name',
  'event.payload.text',
  'payload.name',
  'payload.text',
  'payload.company',
  'payload.role',
  'payload.value.role',
  'payload.value.painPoints',
  'event.payload.company',
  'event.payload.role',
  'event.payload.value.role',
  'event.payload.value.painPoints',
  'contact',
  'req.headers["x-api-key"]',
  'req.headers.authorization',
];

/** JSON logs: a constant message plus a context object; personal data redacted. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, redact: { paths: PII_PATHS, censor: '[redacted]' } });
}
export type { Logger };
