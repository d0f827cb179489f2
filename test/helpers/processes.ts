import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Live processes that have `dir` in their environment, command line or working directory. */
export function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // another user's process (a job under a dropped uid): its server is checked instead
      }
      if (env.includes(dir) || cmd.includes(dir) || cwd.startsWith(dir)) found.push(`${pid}: ${cmd.replaceAll('\0', ' ').trim()}`);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

/** Wait up to `ms` until no process uses `dir`; what is left then. */
export async function processesLeft(dir: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  let procs = processesUsing(dir);
  while (procs.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    procs = processesUsing(dir);
  }
  return procs;
}
