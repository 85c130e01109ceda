import { X509Certificate } from 'node:crypto'
import { request } from 'node:https'
import { connect } from 'node:tls'
import {
  authEnabled,
  connectEngine,
  lookUpEarly,
  mountedStorage,
  healthTarget,
  nameInUse,
  probeRegistry,
  publishedPort,
  readContainerFile,
  registryTlsOptions,
  startRegistry,
  type ContainerInfo,
  type Engine,
  type StartLookups,
  type StartRegistryInput,
} from '../../docker'
import { CERTS_DIR } from '../../docker/labels'
import { CERT_FILE } from '../../docker/cert-material'
import { httpsUrl } from '../../net/address'
import { message, type Message, type Params } from '../../messages/index'
import { outcome, type SetupState, type SetupStatus } from '../setup-types'

/** The engine the plan names, connected once for the job (closed by the job's cleanup). */
export function engineOf(s: SetupState): Engine {
  if (s.engine === undefined) s.engine = (s.deps.connect ?? connectEngine)(s.input.engine, s.deps.env)
  return s.engine
}

const reason = (key: string, params?: Record<string, string | number>): Message =>
  message(`plan.reason.${key}`, params)

/** The certificate a running registry serves (over TLS, whatever it is), as DER; undefined when none answers. */
function servedCert(host: string, port: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, rejectUnauthorized: false })
    socket.setTimeout(3000, () => socket.destroy())
    socket.once('error', () => resolve(undefined))
    socket.once('close', () => resolve(undefined))
    socket.once('secureConnect', () => {
      resolve(socket.getPeerCertificate().raw)
      socket.end()
    })
  })
}

/** True when every planned user logs in (GET /v2/ answers 200 with their password). */
async function loginsWork(s: SetupState, port: number): Promise<boolean> {
  const target = healthTarget(engineOf(s), s.input.addresses[0] ?? '', port, s.certs?.caPem ?? '')
  for (const u of s.input.users) {
    const status = await new Promise<number>((resolve) => {
      const auth = Buffer.from(`${u.user}:${u.password}`).toString('base64')
      const req = request(
        {
          ...registryTlsOptions(target),
          path: '/v2/',
          headers: { Authorization: `Basic ${auth}` },
          timeout: 3000,
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', () => resolve(0))
      req.on('timeout', () => req.destroy())
      req.end()
    })
    if (status !== 200) return false
  }
  return true
}

/** The served certificate: over TLS when running (what clients get), else the file in the container. */
async function servesPlanned(s: SetupState, info: ContainerInfo, port: number): Promise<boolean> {
  const planned = s.certs?.certPem
  if (planned === undefined) return false
  const want = new X509Certificate(planned).raw
  if (info.State.Running) {
    const got = await servedCert(engineOf(s).resolved.hostname, port)
    return got !== undefined && got.equals(want)
  }
  const pem = await readContainerFile(engineOf(s), s.input.name, `${CERTS_DIR}/${CERT_FILE}`)
  return pem !== undefined && new X509Certificate(pem).raw.equals(want)
}

/** What differs between the container (as inspected) and the plan (empty: it is the planned registry). */
async function differences(s: SetupState, info: ContainerInfo): Promise<Message[]> {
  const { input } = s
  const out: Message[] = []
  const port = publishedPort(info)
  if (port !== input.port) out.push(reason('port', { found: port ?? '-', wanted: input.port }))
  if (info.Config.Image !== input.image)
    out.push(reason('image', { found: info.Config.Image, wanted: input.image }))
  const storage = mountedStorage(info)
  const want = input.storage ?? { kind: 'volume', name: `${input.name}-data` }
  const same =
    storage?.kind === want.kind &&
    (storage.kind === 'volume'
      ? storage.name === (want as { name: string }).name
      : storage.path === (want as { path: string }).path)
  if (!same) out.push(reason('storage'))
  if (authEnabled(info) !== input.users.length > 0) out.push(reason('auth'))
  const deleting = info.Config.Env.includes('REGISTRY_STORAGE_DELETE_ENABLED=true')
  if (deleting !== input.deleteEnabled) out.push(reason('delete'))
  if (out.length > 0) return out
  if (s.certChanged || !(await servesPlanned(s, info, input.port))) out.push(reason('cert'))
  else if (info.State.Running && input.users.length > 0 && !(await loginsWork(s, input.port)))
    out.push(reason('users'))
  return out
}

function startInput(s: SetupState, ifExists: StartRegistryInput['ifExists']): StartRegistryInput {
  const { input } = s
  return {
    name: input.name,
    image: input.image,
    port: input.port,
    certs: s.certs as NonNullable<SetupState['certs']>,
    storage: input.storage,
    imageTar: input.imageTar,
    users: input.users.length > 0 ? input.users : undefined,
    deleteEnabled: input.deleteEnabled,
    ifExists,
    registryHost: input.addresses[0],
    healthTimeoutMs: input.healthTimeoutMs,
  }
}

/** Where the registry work is, for what setup runs beside it (see setup.ts). */
export interface WorkMarks {
  /** It only waits on the engine now (a container start sent, or nothing to start). */
  waiting: () => void
  /** The registry answered healthy (its storage write check comes next). */
  healthy: () => void
}

const NO_MARKS: WorkMarks = { waiting: () => undefined, healthy: () => undefined }

/** The start's progress events after which it waits on the engine for a container start (hundreds of ms). */
const ENGINE_WAITS = new Set(['start', 'reuse'])

/** How long after the container start is sent the work counts as waiting (the request is written by then). */
const SENT_MS = 10

async function start(
  s: SetupState,
  ifExists: StartRegistryInput['ifExists'],
  signal: AbortSignal,
  marks: WorkMarks,
  looked: StartLookups,
): Promise<void> {
  const job = {
    signal,
    onProgress: (e: { step: string; message: Message }) => {
      if (ENGINE_WAITS.has(e.step)) setTimeout(marks.waiting, SENT_MS)
      if (e.step === 'storage') marks.healthy()
      s.deps.onDetail?.('registry', e.message)
    },
  }
  const r = await startRegistry(engineOf(s), startInput(s, ifExists), job, looked)
  s.registryUrl = r.url
}

/** What the registry step found or did: its outcome, reported when the step's turn comes (see setup.ts). */
export interface RegistryResult {
  status: SetupStatus
  params: Params
}

/**
 * The registry container. Kept when a container of ours with the plan's name runs with the planned port,
 * image, storage, logins, delete setting and serves the planned certificate (started when stopped, health-checked);
 * otherwise replaced; none there: started. A container not made by this app is never replaced.
 * Begun with the job (setup.ts): what it looks up on the engine (the container of that name, how it is made) is
 * asked at once, beside the CA and certificate steps; it changes or compares nothing before `certified` resolves
 * (the certificate step has the pair), and ends with that rejection when the job stops before.
 */
export async function registryWork(
  s: SetupState,
  signal: AbortSignal,
  certified: Promise<void>,
  marks: WorkMarks = NO_MARKS,
): Promise<RegistryResult> {
  const { input } = s
  const url = httpsUrl(input.addresses[0] ?? '', input.port)
  const params = { name: input.name, url, engine: input.engineLabel }
  // The container of that name, the port and the image are asked about at once (see StartLookups).
  const looked = lookUpEarly(engineOf(s), input)
  const existing = await looked.existing
  const info =
    existing?.managed === true ? await engineOf(s).docker.getContainer(existing.id).inspect() : undefined
  await certified
  s.registryUrl = url
  if (existing === undefined) {
    if (s.dryRun) return { status: 'wouldCreate', params: { ...params, image: input.image } }
    await start(s, 'fail', signal, marks, looked)
    return { status: 'created', params }
  }
  if (!existing.managed || info === undefined) throw nameInUse(existing)
  const diff = await differences(s, info)
  if (diff.length > 0) {
    if (s.dryRun) return { status: 'wouldChange', params: { ...params, reasons: diff } }
    await start(s, 'replace', signal, marks, looked)
    return { status: 'changed', params: { ...params, reasons: diff } }
  }
  // Nothing to start: only a probe is left.
  marks.waiting()
  if (existing.state === 'running' && (await healthy(s))) return { status: 'kept', params }
  const stopped = { ...params, reasons: [reason('stopped')] }
  if (s.dryRun) return { status: 'wouldChange', params: stopped }
  await start(s, 'reuse', signal, marks, looked)
  return { status: 'changed', params: stopped }
}

/** The registry step: the work (begun early by setup.ts, or now) and its outcome. */
export async function registryStep(s: SetupState, signal: AbortSignal): Promise<void> {
  const r = await (s.registryWork ?? registryWork(s, signal, Promise.resolve()))
  outcome(s, 'registry', r.status, r.params)
}

/** One GET /v2/ against our CA answers 200 (or 401 with logins on). */
async function healthy(s: SetupState): Promise<boolean> {
  const target = healthTarget(engineOf(s), s.input.addresses[0] ?? '', s.input.port, s.certs?.caPem ?? '')
  const status = await probeRegistry(target).catch(() => 0)
  return status === 200 || status === 401
}
