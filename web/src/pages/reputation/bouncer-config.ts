/** The lines a CrowdSec bouncer's configuration needs to pull decisions from this server (its LAPI URL and key). */
export function bouncerConfig(origin: string, apiKey: string): string {
  return `api_url: ${origin.replace(/\/+$/, '')}/\napi_key: ${apiKey}\n`;
}
