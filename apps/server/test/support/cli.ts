import { spawn } from 'node:child_process';
import path from 'node:path';

/** The repository root: coordinators run the CLI from there (`npm run atlas -- …`). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The entry point as `npm run atlas` runs it, relative to the repository root. */
export const ATLAS_ENTRY = ['--import', 'tsx', 'apps/server/src/main.ts'];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a child process gets: ours without any ATLAS_* variable (a developer's shell must not point a
 * test at a real database), plus the given ones.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ATLAS_')));
  return { ...inherited, ...env };
}

/** Runs `atlas <args>` to completion from the repository root and collects its output. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ATLAS_ENTRY, ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`atlas ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * With --json every command prints exactly one JSON object on stdout: one line, an object (not an array).
 * Throws with the whole output when it does not, so a failing assertion shows what the CLI said.
 */
export function singleJsonObject(result: CliResult): Record<string, unknown> {
  const lines = result.stdout.split('\n').filter((line) => line.trim().length > 0);
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got ${lines.length}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  const parsed: unknown = JSON.parse(lines[0] as string);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`expected a JSON object, got ${lines[0]}`);
  return parsed as Record<string, unknown>;
}

/** Runs a command that must succeed (exit 0) and returns its JSON object. */
export async function runCliJson<T = Record<string, unknown>>(args: string[], env: Record<string, string>): Promise<T> {
  const result = await runCli([...args, '--json'], env);
  if (result.code !== 0) throw new Error(`atlas ${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return singleJsonObject(result) as T;
}
