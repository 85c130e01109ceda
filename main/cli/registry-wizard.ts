// First: starts `cert issue`'s key before the rest of the CLI loads (early-start.ts).
import { early } from './early-start'
import { installCompileCache } from './compile-cache'

// The headless entry: same domain code as the app, no Electron. The rest of the CLI (program.ts and every chunk
// it loads) is compiled from the V8 code cache when one is there (compile-cache.ts).
installCompileCache(__dirname)
// Once the command is done, the process ends as soon as what it printed is out, rather than when node's event loop
// drains (kept-alive sockets closing, finished timers: measured 15-70 ms after a setup's last line).
void import('./program').then(({ processIo, runCli }) =>
  runCli(process.argv.slice(2), processIo(), early).then((code) => {
    process.exitCode = code
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
  }),
)
