import { serverConfig } from './server.js';

/** `bulwark dev`: everything on one machine with embedded stores under `./.bulwark`. */
export const devConfig = serverConfig.extend({
  dataDir: serverConfig.shape.dataDir.default('./.bulwark'),
});

export type DevConfig = typeof devConfig._output;
