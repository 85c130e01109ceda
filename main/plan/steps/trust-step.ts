import { homedir } from 'node:os'
import { AppError } from '../../errors'
import type { describeStep as DescribeStep } from '../../trust/apply-plan'
import type { applyTrust as ApplyTrust } from '../../trust/apply-trust'
import { parseTrustCa } from '../../trust/ca-certificate'
import { parseRegistryAddresses } from '../../trust/registry-address'
import type { directQuery as DirectQuery } from '../../trust/runner'
import type { TrustRequest } from '../../trust/trust-service'
import type { Platform, RegistryAddress, TrustCa } from '../../trust/types'
import { hostPort } from '../../net/address'
import { outcome, type SetupState } from '../setup-types'

/** Every planned address with the port, as image references name the registry. */
export function planRegistries(s: SetupState): RegistryAddress[] {
  const { addresses, port } = s.input
  return parseRegistryAddresses(
    addresses.map((a) => hostPort(a, port)),
    'registry.addresses',
    { requirePort: true },
  )
}

export function planCa(s: SetupState): TrustCa | undefined {
  return s.rootPem === undefined ? undefined : parseTrustCa(s.rootPem, { field: 'certificate.dir' })
}

function platformOf(s: SetupState): Platform {
  const p = s.deps.platform ?? process.platform
  return (['linux', 'darwin', 'win32'].includes(p) ? p : 'linux') as Platform
}

/**
 * This machine's trust (the planned targets, under trust.root: '/' is the real system). Kept when every
 * target already trusts the CA for every address (nothing to write); otherwise installed the way the policy allows.
 * A normal user on the real system gets SETUP_TRUST_NEEDS_ROOT (with nothing changed) rather than a printed script.
 */
export async function trustStep(s: SetupState): Promise<void> {
  const trust = s.input.trust
  if (trust === undefined) {
    outcome(s, 'trust', 'skipped')
    return
  }
  const ca = planCa(s)
  const params = { root: trust.root, targets: trust.targets ?? [] }
  if (ca === undefined) {
    outcome(s, 'trust', 'wouldChange', { ...params, steps: [] })
    return
  }
  // Loaded here, not with setup (the trust targets bring yaml, smol-toml and the OS stores' code): on a first run this
  // step runs while the engine starts the container, and the modules setup loads before its first step are fewer.
  const [{ applyTrust }, { describeStep }, { directQuery }]: [
    { applyTrust: typeof ApplyTrust },
    { describeStep: typeof DescribeStep },
    { directQuery: typeof DirectQuery },
  ] = await Promise.all([
    import('../../trust/apply-trust'),
    import('../../trust/apply-plan'),
    import('../../trust/runner'),
  ])
  const req: TrustRequest = {
    env: {
      root: trust.root,
      platform: platformOf(s),
      home: s.deps.home ?? s.deps.env.HOME ?? homedir(),
      query: directQuery,
    },
    ca,
    registries: planRegistries(s),
    targets: trust.targets,
  }
  const planned = await applyTrust('install', req, s.deps.trustPolicy, { dryRun: true })
  const steps = planned.plans.flatMap((p) => p.steps).map(describeStep)
  if (steps.length === 0) {
    outcome(s, 'trust', 'kept', params)
    return
  }
  if (s.dryRun) {
    outcome(s, 'trust', 'wouldChange', { ...params, steps })
    return
  }
  if (planned.mode === 'print')
    throw new AppError({
      code: 'SETUP_TRUST_NEEDS_ROOT',
      kind: 'operation',
      field: 'trust.root',
      params: { root: trust.root },
    })
  const done = await applyTrust('install', req, s.deps.trustPolicy)
  const pending = done.pending.map((p) => p.argv.join(' '))
  outcome(s, 'trust', 'changed', { ...params, steps: done.done, pending })
}
