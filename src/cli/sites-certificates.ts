import type { Command } from 'commander';
import type { CertificateView } from '../sites/certificate-store.js';
import { CERTIFICATES_PATH, DELETE_CERTIFICATE_ACTION, LIST_CERTIFICATES_ACTION, PUT_CERTIFICATE_ACTION } from '../sites/paths.js';
import { callJson, formatFlag, printJson, readText, table, withServer, type ServerFlags } from './remote.js';
import { action, EXIT_OK } from './run.js';

/** Certificates expiring within this many days are flagged (as in the console). */
export const EXPIRY_WARNING_DAYS = 30;

/** `42`, `12 (renew soon)`, `expired` */
function daysLeftText(c: CertificateView): string {
  if (c.daysLeft < 0) return 'expired';
  return c.daysLeft < EXPIRY_WARNING_DAYS ? `${c.daysLeft} (renew soon)` : String(c.daysLeft);
}

/** One stderr warning per certificate that expires within 30 days or has expired. */
function warnExpiring(certificates: readonly CertificateView[]): void {
  for (const c of certificates) {
    if (c.daysLeft < 0) process.stderr.write(`warning: certificate ${c.name} expired on ${c.notAfter}\n`);
    else if (c.daysLeft < EXPIRY_WARNING_DAYS) process.stderr.write(`warning: certificate ${c.name} expires in ${c.daysLeft} day(s), on ${c.notAfter}\n`);
  }
}

/**
 * `bulwark sites certificates put|list|delete`: certificates of managed sites, stored on the server
 * (key sealed there). The private key is read from its file and sent, never printed.
 */
export function registerCertificates(sites: Command): void {
  const certs = sites.command('certificates').description('TLS certificates of managed sites, kept on the server (the key is sealed and never shown)');

  withServer(certs.command('put').description('upload or replace a certificate (PEM chain, leaf first) and its private key').argument('<name>', 'the name sites reference: tls.certificates[].certificate'))
    .requiredOption('--cert <file>', 'PEM certificate chain, leaf first')
    .requiredOption('--key <file>', 'PEM private key of the leaf')
    .action(
      action(async (name: string, flags: ServerFlags & { cert: string; key: string }) => {
        const format = formatFlag(flags);
        const body = { name, cert: readText(flags.cert, '--cert'), key: readText(flags.key, '--key') };
        const r = await callJson<{ certificate: CertificateView; created: boolean; revision: number }>(flags.server, `${CERTIFICATES_PATH}/put`, body, PUT_CERTIFICATE_ACTION);
        if (format === 'json') printJson({ certificate: r.certificate, created: r.created, revision: r.revision });
        else {
          const c = r.certificate;
          process.stdout.write(`${r.created ? 'uploaded' : 'replaced'} certificate ${c.name} (revision ${r.revision})\n  names      ${c.names.join(', ') || '-'}\n  subject    ${c.subject}\n  not after  ${c.notAfter} (${c.daysLeft < 0 ? 'expired' : `${c.daysLeft} day(s) left${c.daysLeft < EXPIRY_WARNING_DAYS ? ', renew soon' : ''}`})\n  sha256     ${c.fingerprint}\n`);
        }
        warnExpiring([r.certificate]);
        return EXIT_OK;
      }),
    );

  withServer(certs.command('list').description('certificates with their names, expiry (days left; under 30 flagged) and SHA-256 fingerprint')).action(
    action(async (flags: ServerFlags) => {
      const format = formatFlag(flags);
      const { certificates } = await callJson<{ certificates: CertificateView[] }>(flags.server, `${CERTIFICATES_PATH}/list`, {}, LIST_CERTIFICATES_ACTION);
      if (format === 'json') printJson({ certificates: certificates.map((c) => ({ ...c, expiresSoon: c.daysLeft < EXPIRY_WARNING_DAYS })) });
      else if (certificates.length === 0) process.stdout.write('no certificate: upload one with `bulwark sites certificates put NAME --cert FILE --key FILE`\n');
      else process.stdout.write(table(['NAME', 'NAMES (SAN)', 'SUBJECT', 'NOT AFTER', 'DAYS LEFT', 'SHA-256 FINGERPRINT'], certificates.map((c) => [c.name, c.names.join(','), c.subject, c.notAfter, daysLeftText(c), c.fingerprint])));
      warnExpiring(certificates);
      return EXIT_OK;
    }),
  );

  withServer(certs.command('delete').description('delete a certificate no site uses').argument('<name>')).action(
    action(async (name: string, flags: ServerFlags) => {
      const format = formatFlag(flags);
      const r = await callJson<{ revision: number }>(flags.server, `${CERTIFICATES_PATH}/delete`, { name }, DELETE_CERTIFICATE_ACTION);
      if (format === 'json') printJson({ name, deleted: true, revision: r.revision });
      else process.stdout.write(`deleted certificate ${name} (revision ${r.revision})\n`);
      return EXIT_OK;
    }),
  );
}
