/** How a success metric reads and what the business set out to reach: baseline and target from the product's use case. */
export interface SuccessMetricGoal {
  label: string;
  /** A ratio shows as a percentage, money in the campaigns' currency. */
  unit: 'ratio' | 'money';
  /** What numerator and denominator are, with `{n}` and `{d}` where their values go. */
  from: string;
  numerator: 'count' | 'money';
  denominator: 'count' | 'money';
  baseline: number;
  target: number;
  /** Whether a higher value is better (a cost is better lower). */
  higherIsBetter: boolean;
}

/** The five success metrics in the order the use case lists them, by the `metric` name of `success_metrics`. */
export const successMetricGoals: ReadonlyMap<string, SuccessMetricGoal> = new Map<string, SuccessMetricGoal>([
  ['lead_capture_conversion', {
    label: 'Lead capture conversion', unit: 'ratio', from: '{n} of {d} visitors became leads', numerator: 'count', denominator: 'count',
    baseline: 0.032, target: 0.16, higherIsBetter: true,
  }],
  ['sales_accepted_lead_rate', {
    label: 'Sales-accepted lead rate', unit: 'ratio', from: '{n} of {d} SQLs accepted', numerator: 'count', denominator: 'count',
    baseline: 0.42, target: 0.72, higherIsBetter: true,
  }],
  ['cost_per_qualified_lead', {
    label: 'Cost per qualified lead', unit: 'money', from: '{n} spend ÷ {d} SQLs', numerator: 'money', denominator: 'count',
    baseline: 285, target: 165, higherIsBetter: false,
  }],
  ['lead_to_opportunity_rate', {
    label: 'Lead-to-opportunity rate', unit: 'ratio', from: '{n} of {d} leads reached an opportunity', numerator: 'count', denominator: 'count',
    baseline: 0.18, target: 0.32, higherIsBetter: true,
  }],
  ['marketing_sourced_pipeline', {
    label: 'Marketing-sourced pipeline', unit: 'ratio', from: '{n} of {d} pipeline', numerator: 'money', denominator: 'money',
    baseline: 0.35, target: 0.55, higherIsBetter: true,
  }],
]);
