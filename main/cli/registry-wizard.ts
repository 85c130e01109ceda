// First: starts `cert issue`'s key before the rest of the CLI loads (early-start.ts).
import { early } from './early-start'
import { processIo, runCli } from './program'

// The headless entry: same domain code as the app, no Electron.
void runCli(process.argv.slice(2), processIo(), early).then((code) => {
  process.exitCode = code
})
