/** Running a command while sampling the summed resident memory of its whole process tree (Linux /proc). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const PAGE_SIZE = 4096;

interface ProcessSample {
  ppid: number;
  /** utime + stime in clock ticks (USER_HZ, 100 on Linux). */
  cpuTicks: number;
  rssBytes: number;
}

/** Every live process's parent, CPU time and resident memory, from /proc/<pid>/stat. */
function readProcesses(): Map<number, ProcessSample> {
  const processes = new Map<number, ProcessSample>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after "pid (comm) " (comm may hold spaces and parentheses): state ppid … utime(14) stime(15) … rss(24).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(name), { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * PAGE_SIZE });
    } catch {
      // the process ended between readdir and read
    }
  }
  return processes;
}

/**
 * Proportional set size of one process (its private pages plus its share of pages shared with others), from
 * /proc/<pid>/smaps_rollup; null where that cannot be read. Summing RSS over a tree counts shared pages once per
 * process: right after a fork, a child that has not yet exec'd shows all of its parent's memory as its own, so a
 * sampler that catches that moment sees a tree 1 GB "larger" than it is. PSS sums to what the tree really holds.
 */
function readPss(pid: number): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** `root` and its descendants now: pid → sample. */
export function sampleTree(root: number): Map<number, ProcessSample> {
  const all = readProcesses();
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = all.get(p)?.ppid, hops += 1) if (p === root) return true;
    return false;
  };
  return new Map([...all].filter(([pid]) => inTree(pid)));
}

export interface MeasuredRun {
  code: number | null;
  wallMs: number;
  /** Highest summed RSS of the process tree seen, sampled every `sampleMs`; null where /proc is missing. Counts shared pages once per process. */
  peakTreeRssBytes: number | null;
  /** Highest summed PSS of the tree (shared pages divided among their sharers): the memory the tree holds. Null where smaps_rollup is missing. */
  peakTreePssBytes: number | null;
  /** Largest single process's peak RSS, from the same samples. */
  peakSingleRssBytes: number | null;
  /**
   * User + system CPU seconds of every process seen in the tree (last sample of each): less sensitive than wall time
   * to a busy machine. /usr/bin/time cannot give this: Next's worker processes are not all reaped by their parent.
   */
  cpuSeconds: number | null;
  samples: number;
}

/** Runs `command args` in `cwd`, writing its output to `logFile`; kills it after `timeoutMs`. */
export function runMeasured(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number; sampleMs?: number }): Promise<MeasuredRun> {
  const out = fs.openSync(opts.logFile, 'w');
  const started = performance.now();
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', out, out], detached: true });
  const canSample = fs.existsSync('/proc/self/stat');
  let peakTree = 0;
  let peakTreePss = 0;
  let pssReadable = true;
  let peakSingle = 0;
  let samples = 0;
  const cpuTicks = new Map<number, number>();
  const sample = () => {
    if (!child.pid) return;
    const tree = sampleTree(child.pid);
    let total = 0;
    let totalPss = 0;
    for (const [pid, process] of tree) {
      total += process.rssBytes;
      const pss = pssReadable ? readPss(pid) : null;
      if (pss === null && pid === child.pid) pssReadable = false;
      totalPss += pss ?? process.rssBytes;
      peakSingle = Math.max(peakSingle, process.rssBytes);
      cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, process.cpuTicks));
    }
    peakTree = Math.max(peakTree, total);
    peakTreePss = Math.max(peakTreePss, totalPss);
    samples += 1;
  };
  const sampler = canSample ? setInterval(sample, opts.sampleMs ?? 250) : undefined;
  const killer = setTimeout(() => {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }, opts.timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      fs.closeSync(out);
      const ticks = [...cpuTicks.values()].reduce((sum, t) => sum + t, 0);
      resolve({
        code,
        wallMs: performance.now() - started,
        peakTreeRssBytes: canSample ? peakTree : null,
        peakTreePssBytes: canSample && pssReadable ? peakTreePss : null,
        peakSingleRssBytes: canSample ? peakSingle : null,
        cpuSeconds: canSample ? ticks / 100 : null,
        samples,
      });
    });
  });
}
