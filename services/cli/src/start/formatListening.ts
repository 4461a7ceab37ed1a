import type { InstancePlan } from './planInstances';

export interface StackAddresses {
  KAFKA_BROKERS: string;
  SCHEMA_REGISTRY_URL: string;
  DATABASE_URL: string;
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** What an operator needs once everything runs: every address, every log, how to stop. */
export function formatListening(plans: readonly InstancePlan[], host: string, stack: StackAddresses, instance: (plan: InstancePlan) => { logFile: string; pid?: number }): string {
  const base = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const lines = plans.map((plan) => {
    const api = plan.service === 'ingest' ? `  events ${base(plan.port)}/v1/events` : '';
    // the dashboard stays on loopback whatever the bind address: it asks for no credentials
    const dashboard = plan.dashboardPort ? `  dashboard http://127.0.0.1:${plan.dashboardPort}/` : '';
    return `  ${plan.label.padEnd(14)} health ${base(plan.port)}/health/ready  metrics ${base(plan.port)}/metrics${api}${dashboard}\n  ${''.padEnd(14)} pid ${instance(plan).pid ?? '-'}  log ${instance(plan).logFile}`;
  });
  return [
    'leadflow is running:',
    ...lines,
    `  kafka          ${stack.KAFKA_BROKERS}`,
    `  registry       ${stack.SCHEMA_REGISTRY_URL}`,
    `  postgres       ${redact(stack.DATABASE_URL)}`,
    'stop everything with Ctrl-C or one SIGTERM to this process',
  ].join('\n');
}
