import { AppError } from '../../errors'
import {
  assertSecretsSafe,
  chainsTo,
  checkCertMaterial,
  checkContainerName,
  pemCertificates,
  type CertMaterial,
  type Engine,
} from '../../docker/index'
import { runJob, type JobStep, type RunJobOptions } from '../../jobs/runner'
import { TARGET_CERT, TARGET_KEY } from './config'
import { assertSwarmManager } from './manager'
import { LABEL_FINGERPRINT, secretName, stamp } from './names'
import { createSecret, findService, ourService, removeSecret, type ServiceInfo } from './objects'
import { certFingerprint, servedCertificate } from './served'
import type { SecretRef } from './spec'
import { serviceEndpoints, type ServiceEndpoint } from './tasks'
import { rollingUpdate } from './update'

export interface SwarmReplaceInput {
  engine: Engine
  name: string
  certs: CertMaterial
  registryHost?: string | undefined
  /** For the whole rolling update (each new task healthy before an old one stops). Default 5 minutes. */
  timeoutMs?: number | undefined
}

export interface SwarmReplaceResult {
  name: string
  notAfter: string
  fingerprint: string
  previousFingerprint: string
  retiredSecrets: string[]
  secrets: string[]
}

type SecretEntry = { SecretID: string; SecretName: string; File: { Name: string } }

interface ReplaceState {
  input: SwarmReplaceInput
  identity: string
  notAfter: string
  fingerprint: string
  previousFingerprint: string
  nodeId: string
  before?: ServiceInfo
  old: SecretEntry[]
  created: SecretRef[]
  updated: boolean
  retired: string[]
}

const timeoutOf = (s: ReplaceState): number => s.input.timeoutMs ?? 300_000

async function served(s: ReplaceState, e: ServiceEndpoint): Promise<{ pem: string; fingerprint: string }> {
  return servedCertificate(e.host, e.port, s.identity)
}

/** Same CA as the served certificate (clients need no new trust), and what is served now. */
const check: JobStep<ReplaceState> = {
  id: 'check',
  async run(s) {
    const { engine, name, certs } = s.input
    s.nodeId = (await assertSwarmManager(engine)).nodeId
    s.before = await ourService(engine, name)
    const [e] = await serviceEndpoints(engine, s.before, s.nodeId)
    if (e === undefined) return
    const now = await served(s, e)
    s.previousFingerprint = now.fingerprint
    let same: boolean
    try {
      same = chainsTo(pemCertificates(now.pem), pemCertificates(certs.caPem))
    } catch {
      same = false
    }
    if (!same) throw new AppError({ code: 'CERT_NOT_SAME_CA', kind: 'input', field: 'certs' })
  },
}

const secrets: JobStep<ReplaceState> = {
  id: 'secrets',
  async run(s) {
    const { engine, name, certs } = s.input
    const suffix = stamp()
    const fp = { [LABEL_FINGERPRINT]: s.fingerprint }
    s.created.push(
      await createSecret(engine, name, 'cert', secretName(name, 'cert', suffix), certs.certPem, fp),
    )
    s.created.push(await createSecret(engine, name, 'key', secretName(name, 'key', suffix), certs.keyPem, fp))
  },
  async undo(s) {
    for (const ref of s.created) await removeSecret(s.input.engine, ref.id)
  },
}

/** The service's secret list with the certificate and key (by their file in the task) swapped for the new ones. */
function swapped(
  before: ServiceInfo,
  created: SecretRef[],
): { spec: Record<string, unknown>; old: SecretEntry[] } {
  const container = before.Spec.TaskTemplate.ContainerSpec
  const list = (container.Secrets ?? []) as SecretEntry[]
  const byTarget: Record<string, SecretRef | undefined> = {
    [TARGET_CERT]: created[0],
    [TARGET_KEY]: created[1],
  }
  const old = list.filter((e) => byTarget[e.File.Name] !== undefined)
  const next = list.map((e) => {
    const ref = byTarget[e.File.Name]
    return ref === undefined ? e : { ...e, SecretID: ref.id, SecretName: ref.name }
  })
  const template = before.Spec.TaskTemplate
  return {
    spec: { ...before.Spec, TaskTemplate: { ...template, ContainerSpec: { ...container, Secrets: next } } },
    old,
  }
}

const update: JobStep<ReplaceState> = {
  id: 'update',
  async run(s, ctx) {
    if (s.before === undefined) return
    const { spec, old } = swapped(s.before, s.created)
    s.old = old
    s.updated = true
    await rollingUpdate(s.input.engine, s.before, spec, { timeoutMs: timeoutOf(s), signal: ctx.signal })
  },
  // Back to the secrets it served with (Swarm itself rolls back a task that fails; this covers a later step's failure).
  async undo(s) {
    const engine = s.input.engine
    const before = s.before
    if (!s.updated || before === undefined) return
    const now = await findService(engine, before.ID)
    if (now === undefined) return
    const refs = (now.Spec.TaskTemplate.ContainerSpec.Secrets ?? []).map((e) => e.SecretID)
    if (!s.created.some((c) => refs.includes(c.id))) return
    await rollingUpdate(engine, now, before.Spec, { timeoutMs: timeoutOf(s) })
  },
}

/** Every endpoint serves the new certificate (the routing mesh: as many times as there are replicas, and more). */
const verify: JobStep<ReplaceState> = {
  id: 'verify',
  async run(s) {
    const engine = s.input.engine
    const now = await ourService(engine, s.input.name)
    const endpoints = await serviceEndpoints(engine, now, s.nodeId)
    const rounds = endpoints.length === 1 ? 2 * (now.Spec.Mode?.Replicated?.Replicas ?? 1) : 1
    for (let i = 0; i < rounds; i++)
      for (const e of endpoints) {
        const got = await served(s, e)
        if (got.fingerprint !== s.fingerprint)
          throw new AppError({
            code: 'SWARM_CERT_NOT_SERVED',
            params: { name: s.input.name, expected: s.fingerprint, served: got.fingerprint, port: e.port },
          })
      }
  },
}

/** The secrets of the old pair, referenced by nothing now. */
const retire: JobStep<ReplaceState> = {
  id: 'retire',
  async run(s) {
    for (const e of s.old) {
      await removeSecret(s.input.engine, e.SecretID)
      s.retired.push(e.SecretName)
    }
  },
}

/**
 * replace-cert on a Swarm service: the new pair as new secrets, a start-first rolling update gated by each task's
 * healthcheck (a new task gets requests only once healthy; an old one leaves the load balancing before it stops),
 * a check that every endpoint serves the new certificate, then the old secrets removed. A failure puts the old
 * secrets back (a rolling update again) and removes the new ones.
 */
export async function replaceSwarmCertificate(
  input: SwarmReplaceInput,
  opts: RunJobOptions = {},
): Promise<SwarmReplaceResult> {
  checkContainerName(input.name)
  assertSecretsSafe(input.engine.resolved, 'newKey')
  const c = checkCertMaterial(input.certs, {
    host: input.registryHost,
    engineHost: input.engine.resolved.hostname,
  })
  const state: ReplaceState = {
    input,
    identity: c.identity,
    notAfter: c.notAfter,
    fingerprint: certFingerprint(input.certs.certPem),
    previousFingerprint: '',
    nodeId: '',
    old: [],
    created: [],
    updated: false,
    retired: [],
  }
  const s = await runJob(
    { kind: 'swarmReplaceCert', steps: [check, secrets, update, verify, retire] },
    state,
    opts,
  )
  return {
    name: input.name,
    notAfter: s.notAfter,
    fingerprint: s.fingerprint,
    previousFingerprint: s.previousFingerprint,
    retiredSecrets: s.retired,
    secrets: s.created.map((r) => r.name),
  }
}
