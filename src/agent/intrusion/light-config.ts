import { intrusionConfigSchema, type IntrusionConfig } from './intrusion-config.js';

/**
 * The intrusion settings of `bulwark dev`'s agent when no `intrusion.yaml` is found. SSH log
 * following and webshell scanning of configured web roots are as in `bulwark agent run`; file
 * integrity covers `/etc` only (a few hundred small files) instead of `/etc`, `/usr/bin` and
 * `/usr/sbin` (thousands of binaries, hundreds of MB to hash at the first start), with smaller limits.
 */
export const LIGHT_INTRUSION_SETTINGS = {
  fim: { paths: ['/etc'], maxFiles: 5_000, maxWatchedDirs: 256, maxFileBytes: 4 * 1024 * 1024 },
} as const;

export function lightIntrusionConfig(): Readonly<IntrusionConfig> {
  return intrusionConfigSchema.parse({ fim: { ...LIGHT_INTRUSION_SETTINGS.fim, paths: [...LIGHT_INTRUSION_SETTINGS.fim.paths] } });
}
