/**
 * P4's subject: the notification dispatcher as `atlas worker` starts it (startNotificationDispatcher: the default
 * tuning, the development SSRF rules so loopback is allowed), on the SQLite file the runner seeded. It begins when the
 * runner calls `GET /start` on its control port, so the CPU sample before the run is taken first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import type { Dispatcher } from '../../apps/server/src/modules/notifications/dispatch/dispatcher.ts';
import { startNotificationDispatcher } from '../../apps/server/src/modules/notifications/notifications.worker.ts';
import { serviceContext } from '../../apps/server/src/runtime.ts';
import { runChild } from './child.ts';

runChild(async () => {
  const options = JSON.parse(process.env.ATLAS_BENCH_DISPATCHER ?? '{}') as { sqliteFile: string; logLevel: string };
  const database = openDatabase({ sqliteFile: options.sqliteFile });
  const config = loadConfig({ ATLAS_MODE: 'development' });
  const log = pino({ level: options.logLevel });
  let dispatcher: Dispatcher | undefined;
  const control = http.createServer((request, response) => {
    if (request.url === '/start') {
      dispatcher ??= startNotificationDispatcher(serviceContext(database), config, log as never);
      response.end('started');
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return {
    port: (control.address() as AddressInfo).port,
    info: {},
    close: async () => {
      await dispatcher?.stop();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await database.close();
    },
  };
});
