// The bin entry's first import: this body runs before any other module of the CLI is evaluated (the catalogue,
// i18next, commander, the command groups), so `cert issue`'s key generation is under way from the first
// milliseconds (main/cli/early-work.ts).
import { startEarlyWork } from './early-work'

export const early = startEarlyWork(process.argv.slice(2))
