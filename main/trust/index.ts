export { parseTrustCa, osStoreFileName, PEM_PRIVATE_KEY } from './ca-certificate'
export {
  noPortError,
  parseMirrorAndRegistries,
  parseRegistryAddress,
  parseRegistryAddresses,
} from './registry-address'
export { detectOsFamily, familyFromOsRelease, parseOsRelease } from './os-family'
export { applyPlans, describeStep, stepsAsShell, type ApplyResult } from './apply-plan'
export { directQuery, directRunner, type CommandResult, type CommandRunner, type QueryRunner } from './runner'
export { defaultRoot } from './paths'
export {
  ALL_TARGETS,
  parseTargets,
  planTrust,
  runTrust,
  selectTargets,
  trustStatus,
  type TrustOutcome,
  type TrustRequest,
} from './trust-service'
export * from './types'
