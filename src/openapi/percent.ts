/** RFC 3986 percent-encoding as Alibaba Cloud signs it: only A–Z a–z 0–9 - _ . ~ stay literal. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decodes one `application/x-www-form-urlencoded` component ('+' is a space); undefined when malformed. */
export function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Parses a query string or form body into a flat map of decoded names and values.
 * Repeated names keep the last value (RPC parameters are never repeated; lists are flattened `K.1`).
 */
export function parseForm(text: string): { params: Record<string, string>; malformed?: string } {
  const params: Record<string, string> = {};
  if (text === '') return { params };
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = formDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = formDecode(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) return { params, malformed: pair.slice(0, 64) };
    params[key] = value;
  }
  return { params };
}
