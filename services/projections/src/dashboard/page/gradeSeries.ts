import type { GradeDay } from '../queries/readGradeDistribution';

/** The grades in the order the model gives them, best first. */
export const gradeOrder = ['A', 'B', 'C', 'D', 'F'];

/** Leads per grade on each day, days in order with the days between them filled in with zeros. */
export interface GradeSeries {
  grades: string[];
  days: { day: string; leads: Map<string, number>; total: number }[];
}

const dayMs = 86_400_000;

/** Groups grade rows by day; grades outside A–F (should the model grow one) follow in name order. */
export function gradeSeries(rows: GradeDay[]): GradeSeries {
  const extra = [...new Set(rows.map((r) => r.grade))].filter((g) => !gradeOrder.includes(g)).sort();
  const grades = [...gradeOrder, ...extra];
  if (rows.length === 0) return { grades, days: [] };
  const byDay = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const leads = byDay.get(row.day) ?? new Map<string, number>();
    leads.set(row.grade, (leads.get(row.grade) ?? 0) + row.leads);
    byDay.set(row.day, leads);
  }
  const sorted = [...byDay.keys()].sort();
  const first = Date.parse(`${sorted[0]}T00:00:00Z`);
  const last = Date.parse(`${sorted[sorted.length - 1]}T00:00:00Z`);
  const days: GradeSeries['days'] = [];
  for (let t = first; t <= last; t += dayMs) {
    const day = new Date(t).toISOString().slice(0, 10);
    const leads = byDay.get(day) ?? new Map<string, number>();
    days.push({ day, leads, total: [...leads.values()].reduce((a, b) => a + b, 0) });
  }
  return { grades, days };
}
