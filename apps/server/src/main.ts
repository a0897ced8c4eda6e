import { main } from './cli/index.ts';

// Setting exitCode (not calling exit) lets stdout drain when it is a pipe; `serve` and `worker` answer -1 and keep running.
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
