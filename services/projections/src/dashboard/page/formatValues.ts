/** How numbers are written on the dashboard: English grouping, a dash for a value that does not exist. */

const missing = '–';

export function formatCount(value: number | null | undefined): string {
  return value == null ? missing : Math.round(value).toLocaleString('en-US');
}

/** A ratio 0..1 as a percentage with one decimal. */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio == null ? missing : `${(ratio * 100).toFixed(1)}%`;
}

/** An amount and its currency code when known: unit costs with cents, totals (spend, pipeline) in whole units. */
export function formatMoney(amount: number | null | undefined, currency?: string | null, fractionDigits = 2): string {
  if (amount == null) return missing;
  const text = amount.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
  return currency ? `${text} ${currency}` : text;
}

/** A measure such as minutes or hours, with one decimal. */
export function formatDecimal(value: number | null | undefined, unit = ''): string {
  return value == null ? missing : `${value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}${unit}`;
}

/** A span of days in the unit that reads best: minutes under an hour, hours under a day, else days. */
export function formatDays(days: number | null | undefined): string {
  if (days == null) return missing;
  if (days < 1 / 24) return `${Math.round(days * 1440)} min`;
  if (days < 1) return formatDecimal(days * 24, ' h');
  return formatDecimal(days, ' days');
}
