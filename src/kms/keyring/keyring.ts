/**
 * The root of trust of KMS: every piece of key material is stored only wrapped by a keyring.
 * Backends: `file` (a 256-bit key from a 0600 file, a passphrase via scrypt, or sealed by the server
 * root key) and `pkcs11` (an AES key that never leaves the HSM). `context` is bound into the
 * wrapping (authenticated data), so wrapped material cannot be moved to another key or version.
 */
export interface Keyring {
  readonly backend: 'file' | 'pkcs11';
  /** The ProtectionLevel keys wrapped by this keyring report. */
  readonly protectionLevel: 'SOFTWARE' | 'HSM';
  wrap(material: Buffer, context: string): Promise<string>;
  unwrap(wrapped: string, context: string): Promise<Buffer>;
  close(): Promise<void>;
}
