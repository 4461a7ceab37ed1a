import type { SuccessMetric } from '../queries/readSuccessMetrics';
import { escapeHtml } from './escapeHtml';
import { formatCount, formatMoney, formatPercent } from './formatValues';
import { successMetricGoals, type SuccessMetricGoal } from './successMetricGoals';

type Standing = 'on-target' | 'above-baseline' | 'below-baseline' | 'no-data' | 'no-goal';

const standingText: Record<Standing, string> = {
  'on-target': 'on target',
  'above-baseline': 'better than baseline',
  'below-baseline': 'below baseline',
  'no-data': 'no data yet',
  'no-goal': 'no target set',
};

/** One tile per success metric: its value, what it is computed from, and where it stands against baseline and target. */
export function renderMetricTiles(metrics: SuccessMetric[], currency: string | null): string {
  const known = [...successMetricGoals.keys()];
  const ordered = [...metrics].sort((a, b) => rank(known, a.metric) - rank(known, b.metric) || a.metric.localeCompare(b.metric));
  if (ordered.length === 0) return '<p class="empty" data-testid="metrics-empty">No success metric can be computed yet.</p>';
  return `<div class="tiles">${ordered.map((m) => renderTile(m, successMetricGoals.get(m.metric), currency)).join('')}</div>`;
}

function renderTile(metric: SuccessMetric, goal: SuccessMetricGoal | undefined, currency: string | null): string {
  const money = (value: number | null, digits = 2) => formatMoney(value, currency, digits);
  const format = (value: number | null) => (goal?.unit === 'money' ? money(value) : goal?.unit === 'ratio' ? formatPercent(value) : formatCount(value));
  const part = (value: number | null, unit: 'count' | 'money' | undefined) => (unit === 'money' ? money(value, 0) : formatCount(value));
  const standing = standingOf(metric.value, goal);
  const label = goal?.label ?? metric.metric.replace(/_/g, ' ');
  const from = (goal?.from ?? '{n} ÷ {d}').replace('{n}', part(metric.numerator, goal?.numerator)).replace('{d}', part(metric.denominator, goal?.denominator));
  const goalValue = (value: number) => (goal?.unit === 'money' ? money(value, 0) : format(value));
  const goalLine = goal ? `<span>target ${goalValue(goal.target)}</span><span>baseline ${goalValue(goal.baseline)}</span>` : '';
  return `<article class="tile ${standing}" data-testid="metric" data-metric="${escapeHtml(metric.metric)}">
      <h3>${escapeHtml(label)}</h3>
      <p class="tile-value" data-testid="metric-value">${format(metric.value)}</p>
      <p class="tile-from" data-testid="metric-from">${from}</p>
      <p class="tile-goal"><span class="standing">${standingText[standing]}</span>${goalLine}</p>
    </article>`;
}

function rank(known: string[], metric: string): number {
  const i = known.indexOf(metric);
  return i === -1 ? known.length : i;
}

function standingOf(value: number | null, goal: SuccessMetricGoal | undefined): Standing {
  if (value == null) return 'no-data';
  if (!goal) return 'no-goal';
  const better = (a: number, b: number) => (goal.higherIsBetter ? a >= b : a <= b);
  if (better(value, goal.target)) return 'on-target';
  return better(value, goal.baseline) ? 'above-baseline' : 'below-baseline';
}
