const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2026-04-27" -> "27 April 2026", "2026-02" -> "February 2026", "2030" -> "2030". */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (!monthName) return year ?? date;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/**
 * Sort key for dates of mixed precision: a bare year sorts after the months of that year, since a
 * fact dated "2026" is about the year as a whole, not its first day.
 */
export function dateSortKey(date: string): string {
  const [year, month = '13', day = '32'] = date.split('-');
  return `${year}-${month}-${day}`;
}
