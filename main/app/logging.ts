import log from 'electron-log/main'
import { redact } from './redact'

/**
 * The log file (electron-log: ~/.config/Registry Wizard/logs/main.log on Linux). Every message passes through
 * redaction first, so passphrases, passwords and private keys are never written, whoever logs them.
 */
export function setupLogging(): typeof log {
  log.initialize()
  log.transports.file.level = 'info'
  log.transports.console.level = process.env['NODE_ENV'] === 'development' ? 'debug' : 'warn'
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redact(d)) }))
  return log
}

export type AppLog = ReturnType<typeof setupLogging>
