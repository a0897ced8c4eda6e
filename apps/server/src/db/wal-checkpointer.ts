import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointerOptions {
  /** How often the background thread copies committed WAL frames into the database file. */
  intervalMs?: number;
  /**
   * A WAL larger than this gets a RESTART checkpoint, which waits for the writer: under sustained writes a passive
   * checkpoint may never find the moment the log can start over, and the file would keep growing.
   */
  restartAboveBytes?: number;
}

export interface WalCheckpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it needs no TypeScript loader in the worker thread; it
// loads better-sqlite3 from the path this module resolves.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
function walBytes() {
  try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; }
}
function checkpoint(mode) {
  try {
    db.pragma('wal_checkpoint(' + mode + ')');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
const timer = setInterval(() => checkpoint(walBytes() > workerData.restartAboveBytes ? 'RESTART' : 'PASSIVE'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Checkpoints an SQLite WAL from a background thread. With SQLite's automatic checkpoints the commit that crosses
 * 1,000 WAL pages copies them into the database file and fsyncs it, on the event loop, while every other request
 * waits (BENCHMARKS.md, P2: token issuance spent most of its blocked time there). The server turns automatic
 * checkpoints off for its connection and lets this thread, with its own connection, do them: the event loop only
 * ever appends to the WAL.
 */
export function startWalCheckpointer(file: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driverPath, intervalMs: options.intervalMs ?? 100, restartAboveBytes: options.restartAboveBytes ?? 64 * 1024 * 1024 },
  });
  // A background thread must never keep the process alive on its own.
  worker.unref();
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message && 'error' in message) {
      process.emitWarning(`WAL checkpoint failed: ${(message as { error: string }).error}`, 'AtlasWalCheckpointWarning');
    }
  });
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        worker.on('message', (message) => {
          if (message === 'stopped') void worker.terminate();
        });
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}
