/** Dates are calendar days: format in UTC so a build in any time zone prints the same day. */
const long = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 17, 2026" */
export function formatDate(d: Date): string {
  return long.format(d);
}

/** "2026-11-17" */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
