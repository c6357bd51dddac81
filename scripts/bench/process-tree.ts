/** Running a command while sampling the summed resident memory of its whole process tree (Linux /proc). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const PAGE_SIZE = 4096;

/** Parent of every live process, from /proc/<pid>/stat. */
function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows "pid (comm) state"; comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // the process ended between readdir and read
    }
  }
  return parents;
}

/** Summed RSS in bytes of `root` and all its descendants. */
export function treeRssBytes(root: number): number {
  const parents = parentMap();
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parents.get(p), hops += 1) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

export interface MeasuredRun {
  code: number | null;
  wallMs: number;
  /** Highest summed RSS of the process tree seen, sampled every `sampleMs`; null where /proc is missing. */
  peakTreeRssBytes: number | null;
  /** Largest single process's peak RSS (getrusage of children via /usr/bin/time -v), when that tool is present. */
  peakSingleRssBytes: number | null;
  /** User + system CPU seconds of the whole tree (from /usr/bin/time -v): less sensitive than wall time to a busy machine. */
  cpuSeconds: number | null;
  samples: number;
}

/** Runs `command args` in `cwd`, writing its output to `logFile`; kills it after `timeoutMs`. */
export function runMeasured(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number; sampleMs?: number }): Promise<MeasuredRun> {
  const haveTime = fs.existsSync('/usr/bin/time');
  const [cmd, argv] = haveTime ? ['/usr/bin/time', ['-v', command, ...args]] : [command, args];
  const out = fs.openSync(opts.logFile, 'w');
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', out, out], detached: true });
  const canSample = fs.existsSync('/proc/self/statm');
  let peak = 0;
  let samples = 0;
  const sample = () => {
    if (!child.pid) return;
    peak = Math.max(peak, treeRssBytes(child.pid));
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
      const log = fs.readFileSync(opts.logFile, 'utf8');
      const maxKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(log)?.[1];
      const user = /User time \(seconds\): ([\d.]+)/.exec(log)?.[1];
      const system = /System time \(seconds\): ([\d.]+)/.exec(log)?.[1];
      resolve({
        code,
        wallMs: performance.now() - started,
        peakTreeRssBytes: canSample ? peak : null,
        peakSingleRssBytes: maxKb ? Number(maxKb) * 1024 : null,
        cpuSeconds: user && system ? Number(user) + Number(system) : null,
        samples,
      });
    });
  });
}
