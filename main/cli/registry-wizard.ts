// First: starts `cert issue`'s key before the rest of the CLI loads (early-start.ts).
import { early } from './early-start'
import { installCompileCache } from './compile-cache'

// The headless entry: same domain code as the app, no Electron. The rest of the CLI (program.ts and every chunk
// it loads) is compiled from the V8 code cache when one is there (compile-cache.ts).
installCompileCache(__dirname)
void import('./program').then(({ processIo, runCli }) =>
  runCli(process.argv.slice(2), processIo(), early).then((code) => {
    process.exitCode = code
  }),
)
