// Verification: ten checks proving a client can use the registry, each with a reason and a fix naming the step to
// redo, as messages of the catalogue (main/messages: `verify.*`, `explain.*`). Domain code (no electron): the CLI, the
// IPC handler and the tests call runVerify with injected dependencies.
export { runVerify, DEFAULT_TIMEOUT_MS, DEFAULT_ROUND_TRIP_TIMEOUT_MS } from './run-verify'
export { CHECKS, DEPENDS_ON, MIRROR_CHECKS } from './titles'
export { DEFAULT_MIRROR_IMAGE } from './checks/mirror-pull'
export { msg, type VerifyKey } from './message'
export { checkFixMessage, fixStepMessage, reportText, resultText, type CheckResultText } from './report-text'
export { goHostnameError } from './go-identity'
export { SELFTEST_REPO, SELFTEST_TAG } from './checks/round-trip'
export { dockerSkipsTls, inDockerLoopbackRange } from './loopback'
export { parsePemChain } from './chain'
export { VERIFY_FIXES } from './fixes'
export * from './types'
