/** Splits `epoch:rest` (dpkg and rpm labels): a leading all-digit part before the first colon is the epoch (0 when absent). */
export function splitEpoch(label: string): { epoch: number; rest: string } {
  const text = label.trim();
  const colon = text.indexOf(':');
  if (colon > 0 && /^\d+$/.test(text.slice(0, colon))) return { epoch: Number(text.slice(0, colon)), rest: text.slice(colon + 1) };
  return { epoch: 0, rest: text };
}

/** Splits `rest` at its last hyphen (dpkg revision, rpm release); undefined when there is none. */
export function splitLastHyphen(rest: string): [string, string | undefined] {
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0 ? [rest.slice(0, hyphen), rest.slice(hyphen + 1)] : [rest, undefined];
}
