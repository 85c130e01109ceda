// The English catalogue: every text the app shows, in one object whose top-level keys are i18next namespaces.
// Each area keeps its texts in its own section file; add a section by spreading it into the namespaces below.
//   error    error codes: { message, hint } (front-end neutral words; fields named as in the request types)
//   cliHint  the CLI's own hint for a code (names --flags and commands); wins over error.CODE.hint in the CLI
//   guiHint  the GUI's own hint for a code (names steps and controls); wins over error.CODE.hint in the GUI
//   cli      what CLI commands print (help, results, notes), by area
//   gui      the renderer's screens (i18next's default namespace there)
import { commonCli, commonCliHints, commonErrors, commonGuiHints } from './common'
import { gui } from './gui'

export const en = {
  error: { ...commonErrors },
  cliHint: { ...commonCliHints },
  guiHint: { ...commonGuiHints },
  cli: { common: commonCli },
  gui,
} as const
