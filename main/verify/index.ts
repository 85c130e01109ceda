// Verification: ten checks proving a client can use the registry, each with a reason and a fix naming the step to
// redo. Domain code (no electron): the CLI, the IPC handler and the tests call runVerify with injected dependencies.
export { runVerify, DEFAULT_TIMEOUT_MS, DEFAULT_ROUND_TRIP_TIMEOUT_MS } from './run-verify'
export { CHECKS, DEPENDS_ON } from './titles'
export { msg, renderMessage, renderBoth, type VerifyMessage, type MessageId, type MessageLang, type ParamValue } from './i18n/message'
export { goHostnameError } from './go-identity'
export { isLoopback, SELFTEST_REPO } from './checks/round-trip'
export * from './types'
