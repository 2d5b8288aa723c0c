import { z } from 'zod';

/**
 * The asset inventory an agent reports about its host. The server validates every report with
 * `inventorySchema`, so limits here are the limits of what one agent may send.
 */

const text = (max = 4096) => z.string().max(max);
const list = <T extends z.ZodType>(item: T, max = 100_000) => z.array(item).max(max);

export const osReleaseSchema = z.object({
  id: text(64),
  name: text(256),
  version: text(256),
  versionId: text(64),
  versionCodename: text(64),
  prettyName: text(256),
  idLike: list(text(64), 16),
});

export const kernelSchema = z.object({
  /** `uname -r` */
  release: text(256),
  /** `uname -v` */
  version: text(512),
  ostype: text(64),
  /** `uname -m`; empty when collected from a directory that is not this machine's root */
  machine: text(64),
});

export const addressSchema = z.object({
  interface: text(64),
  address: text(64),
  family: z.enum(['IPv4', 'IPv6']),
  prefixLength: z.number().int().min(0).max(128).nullable(),
  mac: text(32).nullable(),
  internal: z.boolean(),
});

export const hardwareSchema = z.object({
  cpuModel: text(256),
  logicalCpus: z.number().int().nonnegative(),
  sockets: z.number().int().nonnegative(),
  memoryTotalBytes: z.number().int().nonnegative(),
  memoryAvailableBytes: z.number().int().nonnegative(),
  swapTotalBytes: z.number().int().nonnegative(),
});

export const packageManagerSchema = z.enum(['dpkg', 'rpm', 'apk']);

export const packageSchema = z.object({
  manager: packageManagerSchema,
  name: text(256),
  version: text(256),
  arch: text(64),
  /** source package (dpkg `Source:`, rpm source RPM name, apk origin); the binary name when absent */
  source: text(256),
  sourceVersion: text(256),
});

export const portSchema = z.object({
  transport: z.enum(['tcp', 'udp']),
  family: z.enum(['IPv4', 'IPv6']),
  address: text(64),
  port: z.number().int().min(0).max(65535),
  uid: z.number().int().nonnegative(),
  inode: z.number().int().nonnegative(),
  pid: z.number().int().positive().nullable(),
  process: text(64).nullable(),
});

export const passwordStateSchema = z.enum(['set', 'locked', 'empty', 'unknown']);

export const userSchema = z.object({
  name: text(256),
  uid: z.number().int().nonnegative(),
  gid: z.number().int().nonnegative(),
  gecos: text(1024),
  home: text(4096),
  shell: text(4096),
  /** from /etc/shadow: `locked` (`!`/`*` prefix), `empty` (no password), `set`, or `unknown` (unreadable) */
  password: passwordStateSchema,
  /** a sudoers rule applies to the user, directly or through a group */
  sudo: z.boolean(),
});

export const groupSchema = z.object({
  name: text(256),
  gid: z.number().int().nonnegative(),
  members: list(text(256), 10_000),
});

export const sudoRuleSchema = z.object({
  file: text(4096),
  /** user name, `%group`, `ALL` or an alias name */
  principal: text(256),
  rule: text(4096),
  nopasswd: z.boolean(),
});

export const processSchema = z.object({
  pid: z.number().int().positive(),
  ppid: z.number().int().nonnegative(),
  name: text(64),
  state: text(8),
  uid: z.number().int().nonnegative().nullable(),
  /** NUL-separated arguments joined with spaces */
  commandLine: text(8192),
  executable: text(4096).nullable(),
  rssBytes: z.number().int().nonnegative(),
  /** clock ticks since boot */
  startTicks: z.number().int().nonnegative(),
});

export const unitSchema = z.object({
  name: text(256),
  type: text(32),
  path: text(4096),
  state: z.enum(['enabled', 'disabled', 'static', 'masked']),
  wantedBy: list(text(256), 256),
  description: text(1024),
});

export const cronEntrySchema = z.object({
  source: text(4096),
  user: text(256),
  /** five fields, an `@` nickname, or `@hourly`… for run-parts folders */
  schedule: text(256),
  command: text(8192),
});

export const authorizedKeySchema = z.object({
  user: text(256),
  file: text(4096),
  type: text(64),
  /** `SHA256:` + unpadded base64 of the key blob's SHA-256, like `ssh-keygen -l` */
  fingerprint: text(128),
  comment: text(1024),
  options: text(4096),
});

export const containerRuntimeSchema = z.object({
  runtime: z.enum(['docker', 'containerd', 'podman', 'cri-o', 'lxc']),
  binaries: list(text(4096), 32),
  sockets: list(text(4096), 32),
  /** a control socket exists */
  active: z.boolean(),
});

export const collectorErrorSchema = z.object({
  collector: text(64),
  message: text(4096),
});

export const inventorySchema = z.object({
  schemaVersion: z.literal(1),
  collectedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  os: osReleaseSchema.nullable(),
  kernel: kernelSchema.nullable(),
  hostname: text(256).nullable(),
  addresses: list(addressSchema, 4096),
  hardware: hardwareSchema.nullable(),
  packages: list(packageSchema),
  ports: list(portSchema),
  users: list(userSchema),
  groups: list(groupSchema),
  sudoers: list(sudoRuleSchema, 10_000),
  processes: list(processSchema),
  units: list(unitSchema, 20_000),
  cron: list(cronEntrySchema, 10_000),
  authorizedKeys: list(authorizedKeySchema, 10_000),
  containers: list(containerRuntimeSchema, 16),
  /** collectors that failed; their sections keep the empty value */
  errors: list(collectorErrorSchema, 64),
});

export type Inventory = z.infer<typeof inventorySchema>;
export type OsRelease = z.infer<typeof osReleaseSchema>;
export type Kernel = z.infer<typeof kernelSchema>;
export type Address = z.infer<typeof addressSchema>;
export type Hardware = z.infer<typeof hardwareSchema>;
export type PackageManager = z.infer<typeof packageManagerSchema>;
export type InstalledPackage = z.infer<typeof packageSchema>;
export type ListeningPort = z.infer<typeof portSchema>;
export type PasswordState = z.infer<typeof passwordStateSchema>;
export type HostUser = z.infer<typeof userSchema>;
export type HostGroup = z.infer<typeof groupSchema>;
export type SudoRule = z.infer<typeof sudoRuleSchema>;
export type HostProcess = z.infer<typeof processSchema>;
export type SystemdUnit = z.infer<typeof unitSchema>;
export type CronEntry = z.infer<typeof cronEntrySchema>;
export type AuthorizedKey = z.infer<typeof authorizedKeySchema>;
export type ContainerRuntime = z.infer<typeof containerRuntimeSchema>;
export type CollectorError = z.infer<typeof collectorErrorSchema>;

/** Sections filled by collectors (everything but the envelope). */
export type InventorySection = Exclude<keyof Inventory, 'schemaVersion' | 'collectedAt' | 'durationMs' | 'errors'>;
