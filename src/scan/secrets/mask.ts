/**
 * Masks a secret for output: the first and last 4 characters stay, everything between becomes `…`.
 * Short values (under 12 characters) would show most of themselves that way, so they are fully hidden.
 */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  if (chars.length < 12) return '*'.repeat(Math.max(chars.length, 4));
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}
