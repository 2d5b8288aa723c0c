import { z } from 'zod';
import { loadConfig } from '../../config/load.js';
import { fimConfigSchema } from './fim/fim-config.js';
import { sshConfigSchema } from './ssh/ssh-config.js';

/** The agent's intrusion-detection settings (`--config FILE`: a YAML mapping with these keys). */
export const intrusionConfigSchema = z
  .object({
    ssh: sshConfigSchema.prefault({}),
    fim: fimConfigSchema.prefault({}),
    webshell: z
      .object({
        /** rule file replacing the built-in rules (format: docs/intrusion.md) */
        rules: z.string().optional(),
        /** larger script files are skipped with a note */
        maxFileBytes: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type IntrusionConfig = z.output<typeof intrusionConfigSchema>;

/** Loads the settings from a YAML file (every field has a default; no file: all defaults). */
export function loadIntrusionConfig(file?: string): Readonly<IntrusionConfig> {
  return loadConfig(intrusionConfigSchema, { file });
}
