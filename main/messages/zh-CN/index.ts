// The Simplified Chinese catalogue: the same keys as the English one (the compiler checks it: Texts<typeof en>).
import type { en } from '../en/index'
import type { Texts } from '../types'
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

export const zhCN = {
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
} as const satisfies Texts<typeof en>
