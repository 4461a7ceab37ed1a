import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** The metric names the services declare: quoted `'leadflow_…'` literals in their code, tests left out. */
function declaredMetricNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/['"](leadflow_[a-z0-9_]+)['"]/g)) names.add(match[1] as string);
      }
    }
  };
  for (const service of readdirSync(join(repoRoot, 'services'))) walk(join(repoRoot, 'services', service, 'src'));
  return names;
}

/** The metrics a PromQL expression reads; a histogram's `_bucket`, `_sum` and `_count` series count as the histogram. */
const metricsIn = (expr: string): string[] => [...expr.matchAll(/\bleadflow_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''));

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

const dashboard = JSON.parse(read('infra/monitoring/grafana-dashboard.json')) as { panels: Panel[] };
const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
const rules = (load(read('infra/monitoring/alerts.yml')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);

/** Where each metric is used: the dashboard's panels and the alert rules. */
const uses = new Map<string, string[]>();
const use = (metric: string, where: string) => uses.set(metric, [...new Set([...(uses.get(metric) ?? []), where])]);
for (const panel of panels) for (const target of panel.targets ?? []) for (const m of metricsIn(target.expr)) use(m, `dashboard panel "${panel.title}"`);
for (const rule of rules) for (const m of metricsIn(rule.expr)) use(m, `alert ${rule.alert}`);

/** The README's metrics table: `| \`name\` | type | labels | meaning |`. */
const documented = new Set([...read('README.md').matchAll(/^\| `(leadflow_[a-z0-9_]+)` \|/gm)].map((m) => m[1] as string));

describe('the Grafana dashboard and the alert rules', () => {
  it('read only metrics that the services declare in their code', () => {
    const declared = declaredMetricNames();

    const missing = [...uses].filter(([metric]) => !declared.has(metric)).map(([metric, where]) => `${metric} (used by ${where.join(', ')})`);

    expect(missing).toEqual([]);
  });

  it('read only metrics documented in the README, and the README documents only metrics that exist', () => {
    const declared = declaredMetricNames();

    expect([...uses.keys()].filter((metric) => !documented.has(metric))).toEqual([]);
    expect([...documented].filter((metric) => !declared.has(metric))).toEqual([]);
  });

  it('cover consumer lag, dead letters, overdue timers and readiness with alerts', () => {
    const alerted = new Set(rules.flatMap((rule) => metricsIn(rule.expr)));

    expect(['leadflow_consumer_lag', 'leadflow_consumer_records_total', 'leadflow_handoff_timers_overdue', 'leadflow_service_ready'].filter((m) => !alerted.has(m))).toEqual([]);
  });

  it('give every alert a severity, a summary and a description, and every panel its own id and the datasource variable', () => {
    const incomplete = rules.filter((rule) => !rule.labels?.severity || !rule.annotations?.summary || !rule.annotations.description).map((rule) => rule.alert);
    const ids = panels.map((panel) => panel.id);
    const withoutDatasource = panels.filter((panel) => panel.type !== 'row' && panel.datasource?.uid !== '${datasource}').map((panel) => panel.title);

    expect(incomplete).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(withoutDatasource).toEqual([]);
    expect(panels.filter((panel) => panel.type !== 'row' && (panel.targets ?? []).length === 0).map((p) => p.title)).toEqual([]);
  });
});
