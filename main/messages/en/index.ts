// The English catalogue: every text the app shows, in one object whose top-level keys are i18next namespaces.
// Each area keeps its texts in its own section file; add a section by spreading it into the namespaces below.
//   error    error codes: { message, hint } (front-end neutral words; fields named as in the request types)
//   cliHint  the CLI's own hint for a code (names --flags and commands); wins over error.CODE.hint in the CLI
//   guiHint  the GUI's own hint for a code (names steps and controls); wins over error.CODE.hint in the GUI
//   cli      what CLI commands print (help, results, notes), by area
//   gui      the renderer's screens (i18next's default namespace there)
import { appErrors, appInput, appMenu } from './app'
import { commonCli, commonCliHints, commonErrors, commonGuiHints } from './common'
import {
  docker,
  dockerCli,
  dockerCliHints,
  dockerErrors,
  dockerGuiHints,
  dockerPreflight,
  dockerProgress,
} from './docker'
import { fsErrors, fsTexts } from './fs'
import { gui } from './gui'
import { lintTexts, pkiCli, pkiCliHints, pkiErrors, pkiGuiHints, pkiTexts } from './pki'
import { jobsCli, jobsCliHints, jobsErrors, jobsGui, jobsGuiHints, jobsProgress } from './jobs'
import { trustCli, trustCliHints, trustErrors, trustGuiHints, trustTexts } from './trust'
import { explainTexts, requestTexts, verifyCli, verifyTexts } from './verify'

export const en = {
  error: {
    ...commonErrors,
    ...dockerErrors,
    ...jobsErrors,
    ...pkiErrors,
    ...appErrors,
    ...trustErrors,
    ...fsErrors,
  },
  cliHint: { ...commonCliHints, ...dockerCliHints, ...jobsCliHints, ...pkiCliHints, ...trustCliHints },
  guiHint: { ...commonGuiHints, ...dockerGuiHints, ...jobsGuiHints, ...pkiGuiHints, ...trustGuiHints },
  cli: {
    common: commonCli,
    docker: dockerCli,
    jobs: jobsCli,
    verify: verifyCli,
    pki: pkiCli,
    trust: trustCli,
  },
  gui: { ...gui, lifecycle: jobsGui },
  trust: trustTexts,
  fs: fsTexts,
  docker,
  preflight: dockerPreflight,
  progress: { ...jobsProgress, registry: dockerProgress },
  verify: verifyTexts,
  explain: explainTexts,
  request: requestTexts,
  pki: pkiTexts,
  lint: lintTexts,
  menu: appMenu,
  input: appInput,
} as const
