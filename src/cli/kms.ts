import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { accessKeyFromEnv, KmsClient } from '../kms/client.js';
import { canonicalContext, parseEncryptionContext } from '../kms/encryption-context.js';
import { decryptFile, DEFAULT_CHUNK_SIZE, encryptFile, fileSize, type Progress } from '../kms/envelope-file.js';
import { action, EXIT_OK, formatOf } from './run.js';

interface KmsFlags {
  server?: string;
  format: string;
}

function client(flags: KmsFlags): KmsClient {
  const server = flags.server ?? process.env.BULWARK_SERVER;
  if (!server) throw new BulwarkError('MissingParameter', { field: '--server' });
  return new KmsClient(server, accessKeyFromEnv());
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A progress bar on stderr when it is a terminal (redrawn at most 10 times a second). */
function progressBar(label: string): { onProgress: Progress | undefined; done(): void } {
  if (!process.stderr.isTTY) return { onProgress: undefined, done: () => undefined };
  let last = 0;
  const started = Date.now();
  const draw = (done: number, total: number): void => {
    const pct = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const mbps = done / (1 << 20) / Math.max(0.001, (Date.now() - started) / 1000);
    process.stderr.write(`\r${label} [${'#'.repeat(Math.round(pct * width)).padEnd(width, '.')}] ${(pct * 100).toFixed(0).padStart(3)}% ${mbps.toFixed(1)} MB/s`);
  };
  return {
    onProgress: (done, total) => {
      const now = Date.now();
      if (now - last >= 100 || done >= total) {
        last = now;
        draw(done, total);
      }
    },
    done: () => process.stderr.write('\n'),
  };
}

/** `bulwark kms encrypt-file` / `decrypt-file`: envelope encryption of files through a server's KMS. */
export function registerKms(program: Command): void {
  const kms = program.command('kms').description('KMS client: envelope encryption of files through a Bulwark server (--server URL, BULWARK_ACCESS_KEY_ID / BULWARK_ACCESS_KEY_SECRET)');

  kms
    .command('encrypt-file')
    .description('encrypt a file with a fresh data key from GenerateDataKey (chunked AES-256-GCM, docs/kms-format.md)')
    .argument('<in>', 'plaintext file')
    .argument('<out>', 'encrypted file to write')
    .requiredOption('--key <id|alias>', 'KMS key id or alias/…')
    .option('--server <url>', 'Bulwark server URL (default BULWARK_SERVER)')
    .option('--context <k=v>', 'EncryptionContext entry bound to the data key (repeatable)', collect)
    .option('--chunk-size <bytes>', 'plaintext bytes per chunk (1024 to 67108864)', String(DEFAULT_CHUNK_SIZE))
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (input: string, output: string, flags: KmsFlags & { key: string; context?: string[]; chunkSize: string }) => {
        const format = formatOf(flags.format, ['text', 'json'] as const);
        const chunkSize = Number(flags.chunkSize);
        if (!Number.isInteger(chunkSize) || chunkSize < 1024 || chunkSize > 64 << 20) throw new BulwarkError('InvalidParameter', { field: '--chunk-size', reason: 'expected 1024 to 67108864' });
        const entries = (flags.context ?? []).map((kv) => {
          const eq = kv.indexOf('=');
          if (eq <= 0) throw new BulwarkError('InvalidParameter', { field: '--context', reason: `expected k=v, got "${kv}"` });
          return [kv.slice(0, eq), kv.slice(eq + 1)] as const;
        });
        const context = canonicalContext(parseEncryptionContext(Object.fromEntries(entries))).toString('utf8');
        await fileSize(input);
        const kmsClient = client(flags);
        const dk = await kmsClient.call('GenerateDataKey', { KeyId: flags.key, KeySpec: 'AES_256', ...(context ? { EncryptionContext: context } : {}) });
        const dataKey = Buffer.from(String(dk.Plaintext), 'base64');
        const bar = progressBar('encrypting');
        try {
          const started = Date.now();
          const r = await encryptFile(input, output, { dataKey, keyBlob: String(dk.CiphertextBlob), context, chunkSize, ...(bar.onProgress ? { onProgress: bar.onProgress } : {}) });
          bar.done();
          const summary = { input, output, keyId: dk.KeyId, keyVersionId: dk.KeyVersionId, bytes: r.bytes, chunks: r.chunks, seconds: (Date.now() - started) / 1000 };
          process.stdout.write(format === 'json' ? `${JSON.stringify(summary)}\n` : `encrypted ${r.bytes} bytes into ${output} (key ${String(dk.KeyId)})\n`);
        } finally {
          dataKey.fill(0);
        }
        return EXIT_OK;
      }),
    );

  kms
    .command('decrypt-file')
    .description('decrypt a file written by encrypt-file (refuses truncated, reordered or modified files; writes nothing then)')
    .argument('<in>', 'encrypted file')
    .argument('<out>', 'plaintext file to write')
    .option('--server <url>', 'Bulwark server URL (default BULWARK_SERVER)')
    .option('--format <format>', 'text or json', 'text')
    .action(
      action(async (input: string, output: string, flags: KmsFlags) => {
        const format = formatOf(flags.format, ['text', 'json'] as const);
        await fileSize(input);
        const kmsClient = client(flags);
        let keyId = '';
        const bar = progressBar('decrypting');
        const started = Date.now();
        const r = await decryptFile(
          input,
          output,
          async (keyBlob, context) => {
            const out = await kmsClient.call('Decrypt', { CiphertextBlob: keyBlob, ...(context ? { EncryptionContext: context } : {}) });
            keyId = String(out.KeyId);
            return Buffer.from(String(out.Plaintext), 'base64');
          },
          bar.onProgress,
        );
        bar.done();
        const summary = { input, output, keyId, bytes: r.bytes, chunks: r.chunks, seconds: (Date.now() - started) / 1000 };
        process.stdout.write(format === 'json' ? `${JSON.stringify(summary)}\n` : `decrypted ${r.bytes} bytes into ${output}\n`);
        return EXIT_OK;
      }),
    );
}
