import { runCli } from './program'

// The headless entry: same domain code as the app, no Electron.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
