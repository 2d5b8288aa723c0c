/** Engine-wide settings set by SecLang configuration directives. */
export interface EngineConfig {
  ruleEngine: 'On' | 'Off' | 'DetectionOnly';
  requestBodyAccess: boolean;
  responseBodyAccess: boolean;
  requestBodyLimit: number;
  requestBodyNoFilesLimit: number;
  requestBodyLimitAction: 'Reject' | 'ProcessPartial';
  responseBodyLimit: number;
  responseBodyLimitAction: 'Reject' | 'ProcessPartial';
  responseBodyMimeTypes: Set<string>;
  argumentSeparator: string;
  argumentsLimit: number;
  jsonDepthLimit: number;
  componentSignatures: string[];
  collectionTimeout: number;
}

/** ModSecurity's defaults (modsecurity.conf-recommended values where ModSecurity has none). */
export function defaultEngineConfig(): EngineConfig {
  return {
    ruleEngine: 'On', requestBodyAccess: false, responseBodyAccess: false, requestBodyLimit: 13_107_200,
    requestBodyNoFilesLimit: 131_072, requestBodyLimitAction: 'Reject', responseBodyLimit: 524_288,
    responseBodyLimitAction: 'ProcessPartial', responseBodyMimeTypes: new Set(['text/plain', 'text/html']),
    argumentSeparator: '&', argumentsLimit: 1000, jsonDepthLimit: 10_000, componentSignatures: [], collectionTimeout: 3600,
  };
}
