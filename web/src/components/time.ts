/** A stored time as the reader's local date and time ('' stays ''). */
export function formatTime(value: string | undefined, lang: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString(lang);
}
