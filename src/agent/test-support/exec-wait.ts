import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits until /proc shows `pid` running `comm` (a spawned child has exec'd); returns the pid. */
export async function waitForComm(pid: number | undefined, comm: string): Promise<number> {
  if (pid === undefined) throw new Error('the process did not start');
  for (let i = 0; i < 200; i++) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) return pid;
    } catch {
      /* not there yet */
    }
    await sleep(25);
  }
  throw new Error(`process ${pid} never became ${comm}`);
}
