// Starts the telegram-test-api Bot API emulator for firststep's end-to-end tests.
// Usage: node emulator.js PORT. Prints "listening PORT" when ready; exits when stdin closes.
'use strict';

const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: node emulator.js PORT\n');
  process.exit(2);
}
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3600 });
server.start().then(
  () => process.stdout.write(`listening ${port}\n`),
  (error) => {
    process.stderr.write(`emulator could not start: ${error}\n`);
    process.exit(1);
  },
);
const stop = () => server.stop().finally(() => process.exit(0));
process.stdin.resume();
process.stdin.on('end', stop);
process.on('SIGTERM', stop);
