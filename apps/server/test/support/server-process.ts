import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ATLAS_ENTRY, childEnv, REPO_ROOT } from './cli.ts';

/**
 * The arguments of `npm start`'s `node …` command, read from package.json so the tests start the server exactly as it
 * does (the compiled server); `buildCompiledServer` makes sure that build is current.
 */
export const NPM_START_ARGS = npmStartArgs();

function npmStartArgs(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [program, ...args] = scripts.start.split(' ');
  if (program !== 'node') throw new Error(`npm start runs "${scripts.start}": the tests only know how to start a node command`);
  return args;
}

/** What `npm start` does before it starts: compile the server unless apps/server/dist is newer than every source. */
export function buildCompiledServer(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'apps/server/scripts/build.mjs'), '--if-stale'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `atlas serve` as a child process, with its output collected and helpers to wait for it and stop it. */
export class ServerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  stdout = '';
  stderr = '';
  private exit: Exit | undefined;

  /** `entry`: the sources through tsx (`npm run atlas`) by default, or NPM_START_ARGS (with no `args`). */
  constructor(args: string[], env: Record<string, string>, entry: readonly string[] = ATLAS_ENTRY) {
    this.child = spawn(process.execPath, [...entry, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits or time runs out first. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (!this.running) throw new Error(`the server exited (${JSON.stringify(this.exit)}) before printing ${pattern}\n${this.describe()}`);
      if (Date.now() > deadline) throw new Error(`the server did not print ${pattern} within ${timeoutMs} ms\n${this.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal` and waits for the exit; reports how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<Exit & { elapsedMs: number }> {
    if (this.running) this.child.kill(signal);
    return this.waitForExit(timeoutMs);
  }

  /** Waits for the process to exit by itself; rejects after timeoutMs (and then kills it). */
  async waitForExit(timeoutMs: number): Promise<Exit & { elapsedMs: number }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`the server did not exit within ${timeoutMs} ms\n${this.describe()}`));
      }, timeoutMs);
    });
    try {
      const exit = await Promise.race([this.exited, timeout]);
      return { ...exit, elapsedMs: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last resort for afterAll: SIGKILL if still running. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  describe(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }
}
