import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, CpuSample, ParentMessage } from './protocol.ts';

const SERVERS_DIR = fileURLToPath(new URL('../servers/', import.meta.url));

export interface ServerHandle<Info> {
  name: string;
  origin: string;
  info: Info;
  pid: number;
  cpu(): Promise<CpuSample>;
  /** Starts the server's V8 sampling profiler. */
  profileStart(): Promise<void>;
  /** Stops it and has the server write the profile (`.cpuprofile`, for Chrome DevTools) to `file`. */
  profileStop(file: string): Promise<void>;
  /** Asks the child to close and exit normally; kills it if it does not within 10 s. */
  stop(): Promise<void>;
  /** What the child wrote on stderr so far (warnings, errors). */
  stderr(): string;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** File that receives the child's stdout (Atlas writes its access log there); discarded when unset. */
  stdoutFile?: string;
  readyTimeoutMs?: number;
}

const live = new Set<ChildProcess>();

/** Kills (by pid, SIGKILL) every server child this runner started and has not stopped yet. */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** Spawns `bench/servers/<script>` in its own Node process (with tsx) and waits until it reports its port. */
export async function startServer<Info>(name: string, script: string, options: StartOptions = {}): Promise<ServerHandle<Info>> {
  const stdoutFd = options.stdoutFile ? fs.openSync(options.stdoutFile, 'a') : 'ignore';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(SERVERS_DIR, script)], {
    stdio: ['ignore', stdoutFd, 'pipe', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', ...options.env },
  });
  if (typeof stdoutFd === 'number') fs.closeSync(stdoutFd);
  live.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );

  // Requests that expect an answer carry an id; the answer settles the matching promise.
  const pending = new Map<number, (message: ChildMessage) => void>();
  let nextId = 1;
  child.on('message', (message: ChildMessage) => {
    if ((message.type === 'cpu' || message.type === 'profile') && pending.has(message.id)) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    }
  });
  const ask = (build: (id: number) => ParentMessage, timeoutMs = 30_000) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer to ${build(id).type}`));
      }, timeoutMs);
      pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.send(build(id));
    });
  const send = (message: ParentMessage) => child.send(message);
  const profile = async (message: (id: number) => ParentMessage) => {
    const answer = await ask(message);
    if (answer.type === 'profile' && answer.error) throw new Error(`${name}: profiler: ${answer.error}`);
  };

  const ready = await new Promise<{ port: number; info: Info }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: not ready after ${options.readyTimeoutMs ?? 30_000} ms\n${stderr}`)),
      options.readyTimeoutMs ?? 30_000,
    );
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve({ port: message.port, info: message.info as Info });
      } else if (message.type === 'fatal') {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start:\n${message.message}\n${stderr}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})\n${stderr}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    name,
    origin: `http://127.0.0.1:${ready.port}`,
    info: ready.info,
    pid: child.pid ?? -1,
    cpu: async () => {
      const answer = await ask((id) => ({ type: 'cpu', id }));
      if (answer.type !== 'cpu') throw new Error(`${name}: unexpected answer ${answer.type}`);
      return answer.sample;
    },
    profileStart: () => profile((id) => ({ type: 'profile', id, action: 'start' })),
    profileStop: (file) => profile((id) => ({ type: 'profile', id, action: 'stop', file })),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => stderr,
  };
}
