import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PKI made with the openssl CLI at test time (nothing committed). */
export interface Pki {
  dir: string;
  /** Path of `<name>.pem` / `<name>.key` in dir. */
  path(name: string, ext: 'pem' | 'key'): string;
  read(name: string, ext: 'pem' | 'key'): Buffer;
  ca(name: string): void;
  /** A leaf certificate signed by `caName`; `dns` names go in the SAN (server certs), none for client certs. */
  leaf(name: string, caName: string, cn: string, dns?: string[]): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function createPki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-pki-'));
  const path = (name: string, ext: 'pem' | 'key'): string => join(dir, `${name}.${ext}`);
  return {
    dir,
    path,
    read: (name, ext) => readFileSync(path(name, ext)),
    ca(name) {
      openssl(['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`,
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    },
    leaf(name, caName, cn, dns = []) {
      openssl(['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(ext, `basicConstraints=CA:FALSE\n${dns.length > 0 ? `subjectAltName=${dns.map((d) => `DNS:${d}`).join(',')}\nextendedKeyUsage=serverAuth\n` : 'extendedKeyUsage=clientAuth\n'}`);
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.pem`, '-CAkey', `${caName}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', ext], dir);
    },
  };
}
