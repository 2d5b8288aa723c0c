import { watch, type FSWatcher } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EcsDocument } from '../alert.js';
import { loadBaseline, saveBaseline, type Baseline } from './baseline-store.js';
import { fileChangeAlert } from './change-alert.js';
import { compareFile, diffStates, underRoots, type FileChange } from './file-change.js';
import { readFileState } from './file-state.js';
import { excluder, type FimConfig } from './fim-config.js';
import { scanTree } from './scan-tree.js';

export interface FimMonitorOptions {
  readonly config: FimConfig;
  readonly stateDir: string;
  readonly host?: string;
  /** receives the alerts; the baseline moves on only after it resolves (a failed delivery is detected again) */
  readonly onEvents: (docs: EcsDocument[]) => Promise<void>;
  /** scans a file added or changed in a web root (the webshell detector), returning its alerts */
  readonly scanWebFile?: (path: string) => Promise<EcsDocument[]>;
  /** notes for the operator (files skipped, watch limits); default: none */
  readonly onNote?: (note: string) => void;
  /** delay that gathers watch events before checking them (ms, default 300) */
  readonly settleMs?: number;
  readonly now?: () => number;
}

/** Platforms whose fs.watch watches a whole tree natively (on Linux every folder is watched on its own). */
const NATIVE_RECURSIVE = process.platform === 'darwin' || process.platform === 'win32';
const MAX_PENDING = 10_000;

/**
 * File-integrity monitoring: a baseline (taken silently at first start, kept in the state dir),
 * change detection by watching (inotify per folder on Linux, recursive watches elsewhere) and a
 * periodic full scan that catches whatever watching missed. Each change becomes one ECS alert with
 * the before and after attributes; web-root files that appear or change also go to the webshell scan.
 */
export class FileIntegrityMonitor {
  private baseline!: Baseline;
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly pending = new Set<string>();
  private settleTimer: NodeJS.Timeout | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly excluded: (path: string) => boolean;
  private readonly inRoots: (path: string) => boolean;
  private readonly inWebRoots: (path: string) => boolean;
  private readonly roots: string[];
  private watchLimitNoted = false;

  private constructor(private readonly options: FimMonitorOptions) {
    const { config } = options;
    this.roots = [...new Set([...config.paths, ...config.webRoots])];
    this.excluded = excluder(config.exclude);
    this.inRoots = underRoots(this.roots);
    this.inWebRoots = underRoots(config.webRoots);
  }

  /** Loads (or silently takes) the baseline, starts watching and the periodic scan. */
  static async start(options: FimMonitorOptions): Promise<FileIntegrityMonitor> {
    const m = new FileIntegrityMonitor(options);
    await m.init();
    return m;
  }

  /** Files in the baseline now. */
  get size(): number {
    return this.baseline.files.size;
  }

  /** A full scan against the baseline (the timer runs it too); returns the changes it reported. */
  fullScan(): Promise<FileChange[]> {
    return this.serial(async () => {
      const scan = await scanTree(this.roots, this.scanOptions(true));
      return this.report(diffStates(this.baseline.files, scan.files, this.inRoots), 'scan');
    });
  }

  /** Checks the paths watching reported (a folder: everything under it). */
  checkPaths(paths: readonly string[]): Promise<FileChange[]> {
    return this.serial(async () => {
      const changes: FileChange[] = [];
      for (const path of paths) {
        if (this.excluded(path) || !this.inRoots(path)) continue;
        const info = await lstat(path).catch(() => undefined);
        if (info?.isDirectory()) {
          // a new or moved-in folder: scan it and watch it
          const scan = await scanTree([path], this.scanOptions(true));
          changes.push(...diffStates(this.baseline.files, scan.files, underRoots([path])));
          continue;
        }
        const before = this.baseline.files.get(path);
        const after = info ? await readFileState(path, { maxFileBytes: this.options.config.maxFileBytes, ...(before ? { previous: before } : {}) }, info) : undefined;
        if (!info && !before) {
          // a folder went away: everything the baseline had under it
          const under = underRoots([path]);
          for (const [p, s] of this.baseline.files) if (under(p)) changes.push({ kind: 'removed', path: p, before: s, changed: [] });
          this.unwatchUnder(path);
          continue;
        }
        const change = compareFile(path, before, after);
        if (change) changes.push(change);
      }
      return this.report(changes, 'watch');
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    clearInterval(this.scanTimer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await this.queue.catch(() => undefined);
  }

  private async init(): Promise<void> {
    const loaded = await loadBaseline(this.options.stateDir);
    const covered = loaded ? underRoots(loaded.roots) : () => false;
    const newRoots = this.roots.filter((r) => !covered(r));
    this.baseline = { createdAt: loaded?.createdAt ?? this.now(), roots: [...new Set([...(loaded?.roots ?? []), ...this.roots])], files: new Map(loaded?.files ?? []) };
    if (this.options.config.watch && NATIVE_RECURSIVE) for (const r of this.roots) this.watchDir(r, true);
    if (newRoots.length > 0) {
      // roots never baselined are taken silently (the first run has nothing to compare with)
      const scan = await scanTree(newRoots, this.scanOptions(true));
      for (const [p, s] of scan.files) this.baseline.files.set(p, s);
      for (const r of scan.missingRoots) this.note(`file integrity: ${r} does not exist (it is baselined when it appears)`);
      if (scan.overLimit > 0) this.note(`file integrity: ${scan.overLimit} files beyond maxFiles are not monitored`);
    }
    if (newRoots.length > 0 || !loaded) await saveBaseline(this.options.stateDir, this.baseline);
    for (const s of this.baseline.files.values()) if (s.note === 'too-large' && this.inRoots(s.path)) this.note(`file integrity: ${s.path} is larger than maxFileBytes; only its attributes are compared`);
    // what changed while the agent was not running (this scan also sets up the folder watches)
    if (loaded) await this.fullScan().catch((e: unknown) => this.note(`file integrity scan failed: ${String(e)}`));
    this.scanTimer = setInterval(() => void this.fullScan().catch((e: unknown) => this.note(`file integrity scan failed: ${String(e)}`)), this.options.config.scanIntervalSeconds * 1000);
    this.scanTimer.unref();
  }

  private scanOptions(watchNewDirs: boolean): Parameters<typeof scanTree>[1] {
    const { config } = this.options;
    return {
      maxFileBytes: config.maxFileBytes,
      maxFiles: config.maxFiles,
      excluded: this.excluded,
      previous: this.baseline.files,
      rehashUnchanged: config.rehashUnchanged,
      ...(watchNewDirs && config.watch && !NATIVE_RECURSIVE ? { onDirectory: (d: string) => this.watchDir(d, false) } : {}),
    };
  }

  private watchDir(dir: string, recursive: boolean): void {
    if (this.stopped || this.watchers.has(dir)) return;
    if (this.watchers.size >= this.options.config.maxWatchedDirs) {
      if (!this.watchLimitNoted) this.note(`file integrity: more than ${this.options.config.maxWatchedDirs} folders; the rest are checked by the periodic scan only`);
      this.watchLimitNoted = true;
      return;
    }
    try {
      const w = watch(dir, { persistent: false, recursive }, (_event, name) => this.onWatch(name ? join(dir, name.toString()) : dir));
      w.on('error', () => {
        w.close();
        this.watchers.delete(dir);
        this.onWatch(dir);
      });
      this.watchers.set(dir, w);
    } catch {
      // gone already, or not watchable: the periodic scan covers it
    }
  }

  private unwatchUnder(path: string): void {
    const under = underRoots([path]);
    for (const [dir, w] of this.watchers) {
      if (!under(dir)) continue;
      w.close();
      this.watchers.delete(dir);
    }
  }

  private onWatch(path: string): void {
    if (this.stopped) return;
    if (this.pending.size >= MAX_PENDING) {
      // a storm of changes: one full scan instead of one check per path
      this.pending.clear();
      void this.fullScan().catch(() => undefined);
      return;
    }
    this.pending.add(path);
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      const paths = [...this.pending];
      this.pending.clear();
      void this.checkPaths(paths).catch((e: unknown) => this.note(`file integrity check failed: ${String(e)}`));
    }, this.options.settleMs ?? 300);
  }

  /** Turns changes into alerts, delivers them, then moves the baseline on and saves it. */
  private async report(changes: FileChange[], detectedBy: 'watch' | 'scan'): Promise<FileChange[]> {
    if (changes.length === 0) return changes;
    const at = this.now();
    const docs: EcsDocument[] = [];
    for (const c of changes) {
      const webRoot = this.inWebRoots(c.path) && this.options.config.webRoots.length > 0;
      docs.push(fileChangeAlert(c, { at, webRoot, detectedBy, ...(this.options.host ? { host: this.options.host } : {}) }));
      if (webRoot && c.after?.type === 'file' && this.options.scanWebFile) docs.push(...(await this.options.scanWebFile(c.path)));
    }
    await this.options.onEvents(docs);
    for (const c of changes) {
      if (c.after) this.baseline.files.set(c.path, c.after);
      else this.baseline.files.delete(c.path);
    }
    await saveBaseline(this.options.stateDir, this.baseline);
    return changes;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private note(text: string): void {
    this.options.onNote?.(text);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
