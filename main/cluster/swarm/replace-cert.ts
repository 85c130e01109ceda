import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../errors'
import {
  assertSecretsSafe,
  chainsTo,
  checkCertMaterial,
  checkContainerName,
  pemCertificates,
  readCertDir,
  type CertMaterial,
  type Engine,
} from '../../docker/index'
import { runJob, type JobStep, type RunJobOptions, type ProgressListener } from '../../jobs/runner'
import type { Message } from '../../messages/index'
import { certificateSans, issueToDir, type KeyType } from '../../pki/index'
import { TARGET_CERT, TARGET_KEY } from './config'
import {
  readPairFolder,
  restorePairFolder,
  writePairFolder,
  type PairFolder,
} from '../../lifecycle/pair-folder'
import { assertSwarmManager } from './manager'
import { LABEL_FINGERPRINT, secretName, stamp } from './names'
import { createSecret, findService, ourService, removeSecret, type ServiceInfo } from './objects'
import { placementOrder, servicePlacement, stopFirstNotice, type UpdateOrder } from './placement'
import { certFingerprint, servedCertificate } from './served'
import type { SecretRef } from './spec'
import { serviceEndpoints, type ServiceEndpoint } from './tasks'
import { rollingUpdate } from './update'

/** A new pair issued from the CA (as the container's replace does): for `sans`, else the served certificate's. */
export interface SwarmIssue {
  caDir: string
  sans?: string[] | undefined
  days?: number | undefined
  passphrase?: string | undefined
  keyType?: KeyType | undefined
  /**
   * The folder the service's pair came from: once every endpoint serves the new pair it is written there too (the
   * old files kept as .bak-STAMP), as the container's replace swaps its live folder. Absent: the secrets only.
   */
  keepIn?: string | undefined
}

interface SwarmReplaceBase {
  engine: Engine
  name: string
  registryHost?: string | undefined
  /** For the whole rolling update (each new task healthy before an old one stops). Default 5 minutes. */
  timeoutMs?: number | undefined
}

/** The new pair: one already issued (`certs`), or one this job issues from the CA (`issue`). */
export type SwarmReplaceInput = SwarmReplaceBase & ({ certs: CertMaterial } | { issue: SwarmIssue })

export interface SwarmReplaceResult {
  name: string
  notAfter: string
  fingerprint: string
  previousFingerprint: string
  retiredSecrets: string[]
  secrets: string[]
  /** How the tasks were rolled (placement.ts); stop-first: `notices` says what it cost. */
  updateOrder: UpdateOrder
  notices: Message[]
}

type SecretEntry = { SecretID: string; SecretName: string; File: { Name: string } }

interface ReplaceState {
  input: SwarmReplaceInput
  certs?: CertMaterial
  identity: string
  notAfter: string
  fingerprint: string
  previousFingerprint: string
  servedPem?: string
  nodeId: string
  before?: ServiceInfo
  order: UpdateOrder
  notices: Message[]
  report: ProgressListener | undefined
  staging?: string
  old: SecretEntry[]
  created: SecretRef[]
  updated: boolean
  kept?: PairFolder
  retired: string[]
}

const STEPS = ['check', 'order', 'pair', 'secrets', 'update', 'verify', 'keep', 'retire'] as const
const KIND = 'swarmReplaceCert'

const timeoutOf = (s: ReplaceState): number => s.input.timeoutMs ?? 300_000

async function served(s: ReplaceState, e: ServiceEndpoint): Promise<{ pem: string; fingerprint: string }> {
  return servedCertificate(e.host, e.port, s.identity || undefined)
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('swarm replace-cert: a step ran before the one it depends on')
  return value
}

/** The service, and what it serves now. */
const check: JobStep<ReplaceState> = {
  id: 'check',
  async run(s) {
    const { engine, name } = s.input
    s.nodeId = (await assertSwarmManager(engine)).nodeId
    s.before = await ourService(engine, name)
    const [e] = await serviceEndpoints(engine, s.before, s.nodeId)
    if (e === undefined) return
    const now = await served(s, e)
    s.servedPem = now.pem
    s.previousFingerprint = now.fingerprint
  },
}

/**
 * The update order for the nodes there are now (a node may have left since the start): a fixed host port with more
 * replicas than eligible nodes is refused before anything changes; stop-first is reported as a warning.
 */
const order: JobStep<ReplaceState> = {
  id: 'order',
  async run(s) {
    const p = servicePlacement(must(s.before))
    const r = await placementOrder(s.input.engine, p)
    s.order = r.order
    if (r.order !== 'stop-first') return
    const warning = stopFirstNotice(p, r.eligible)
    s.notices.push(warning)
    const percent = Math.round((STEPS.indexOf('order') / STEPS.length) * 100)
    s.report?.({ step: 'order', percent, message: warning })
  },
}

/** The issued pair (from the CA into a staging folder, when asked), checked: for the address, from the served CA. */
const pair: JobStep<ReplaceState> = {
  id: 'pair',
  async run(s) {
    const { input } = s
    if ('issue' in input) {
      s.staging = await fs.mkdtemp(join(tmpdir(), 'rw-swarm-pair-'))
      const sans = input.issue.sans?.length ? input.issue.sans : servedSans(s.servedPem)
      await issueToDir({ ...input.issue, sans, outDir: s.staging, usage: 'server' })
      s.certs = await readCertDir(s.staging)
      checkPair(s, s.certs)
    }
    const certs = must(s.certs)
    if (s.servedPem === undefined) return
    let same: boolean
    try {
      same = chainsTo(pemCertificates(s.servedPem), pemCertificates(certs.caPem))
    } catch {
      same = false
    }
    if (!same)
      throw new AppError({
        code: 'CERT_NOT_SAME_CA',
        kind: 'input',
        field: 'issue' in input ? 'caDir' : 'certs',
      })
  },
}

function servedSans(pem: string | undefined): string[] {
  if (pem === undefined) return []
  return certificateSans(new X509Certificate(pem)).map((san) => san.value)
}

/** Valid, for the address clients use: its identity, end date and fingerprint in the state. */
function checkPair(s: ReplaceState, certs: CertMaterial): void {
  const c = checkCertMaterial(certs, {
    host: s.input.registryHost,
    engineHost: s.input.engine.resolved.hostname,
  })
  s.identity = c.identity
  s.notAfter = c.notAfter
  s.fingerprint = certFingerprint(certs.certPem)
}

const secrets: JobStep<ReplaceState> = {
  id: 'secrets',
  async run(s) {
    const { engine, name } = s.input
    const certs = must(s.certs)
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
    await rollingUpdate(s.input.engine, s.before, spec, {
      order: s.order,
      timeoutMs: timeoutOf(s),
      signal: ctx.signal,
    })
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
    await rollingUpdate(engine, now, before.Spec, { order: s.order, timeoutMs: timeoutOf(s) })
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

/**
 * The pair issued from the CA, once every endpoint serves it, also into the folder the service's pair came from
 * (`keepIn`), as a container's replace swaps its live folder: that folder (and the Certificates step that shows it)
 * holds what is served. Its old files are kept as .bak-STAMP first; a later failure puts them back (the undo).
 */
const keep: JobStep<ReplaceState> = {
  id: 'keep',
  async run(s) {
    const { input } = s
    if (!('issue' in input) || input.issue.keepIn === undefined) return
    const folder = await readPairFolder(input.issue.keepIn)
    s.kept = folder
    await writePairFolder(folder, must(s.certs))
  },
  async undo(s) {
    if (s.kept !== undefined) await restorePairFolder(s.kept)
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
 * replace-cert on a Swarm service: the new pair (given, or issued from the CA) as new secrets, a rolling update gated
 * by each task's healthcheck (start-first: a new task gets requests only once healthy, an old one leaves the load
 * balancing before it stops; stop-first when a fixed host port leaves no spare node, see placement.ts), a check that
 * every endpoint serves the new certificate, then the old secrets removed. A failure puts the old secrets back (a
 * rolling update again) and removes the new ones.
 */
export async function replaceSwarmCertificate(
  input: SwarmReplaceInput,
  opts: RunJobOptions = {},
): Promise<SwarmReplaceResult> {
  checkContainerName(input.name)
  assertSecretsSafe(input.engine.resolved, 'newKey')
  const state: ReplaceState = {
    input,
    identity: '',
    notAfter: '',
    fingerprint: '',
    previousFingerprint: '',
    nodeId: '',
    order: 'start-first',
    notices: [],
    report: opts.onProgress,
    old: [],
    created: [],
    updated: false,
    retired: [],
  }
  // A given pair is checked before any engine call (bad input changes nothing).
  if ('certs' in input) {
    state.certs = input.certs
    checkPair(state, input.certs)
  }
  const steps = [check, order, pair, secrets, update, verify, keep, retire]
  const cleanup = async (st: ReplaceState): Promise<void> => {
    if (st.staging !== undefined) await fs.rm(st.staging, { recursive: true, force: true })
  }
  const s = await runJob({ kind: KIND, steps, cleanup }, state, opts)
  return {
    name: input.name,
    notAfter: s.notAfter,
    fingerprint: s.fingerprint,
    previousFingerprint: s.previousFingerprint,
    retiredSecrets: s.retired,
    secrets: s.created.map((r) => r.name),
    updateOrder: s.order,
    notices: s.notices,
  }
}
