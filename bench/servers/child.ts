import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { ChildMessage, ParentMessage } from '../lib/protocol.ts';

export interface StartedServer {
  port: number;
  /** What the runner needs to drive this server (credentials, expected answers). */
  info: unknown;
  close(): Promise<void>;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

let session: Session | undefined;

/** The V8 sampling profiler of this (main) thread, started and stopped by the runner around the measured rounds. */
async function profile(message: Extract<ParentMessage, { type: 'profile' }>): Promise<string | undefined> {
  if (message.action === 'start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    return undefined;
  }
  if (!session) throw new Error('the profiler was not started');
  const { profile: result } = await session.post('Profiler.stop');
  session.disconnect();
  session = undefined;
  fs.writeFileSync(message.file, JSON.stringify(result));
  return message.file;
}

/**
 * Runs a benchmark server inside a child process: starts it, reports its port over IPC, answers CPU-usage probes and
 * profiling requests, and on `stop` closes it and exits. Exits too when the runner goes away.
 */
export function runChild(start: () => Promise<StartedServer>): void {
  if (!process.send) {
    process.stderr.write('this script is a benchmark server: run it through `npm run bench`\n');
    process.exit(2);
  }
  let server: StartedServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await server?.close();
    } catch (error) {
      process.stderr.write(`close failed: ${String(error)}\n`);
      code = 1;
    }
    process.exit(code);
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({
        type: 'cpu',
        id: message.id,
        sample: { userUs: usage.user, systemUs: usage.system, wallMs: performance.now(), rssBytes: process.memoryUsage.rss() },
      });
    } else if (message.type === 'profile') {
      profile(message).then(
        (file) => send({ type: 'profile', id: message.id, file, error: undefined }),
        (error: unknown) => send({ type: 'profile', id: message.id, file: undefined, error: String(error) }),
      );
    } else if (message.type === 'stop') {
      void stop(0);
    }
  });
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  start().then(
    (started) => {
      server = started;
      send({ type: 'ready', port: started.port, info: started.info });
    },
    (error: unknown) => {
      send({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
