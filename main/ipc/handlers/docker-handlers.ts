import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { invalidInput, isAppError } from '../../errors'
import {
  checkCertMaterial,
  checkEngine,
  checkEngineSpec,
  checkPortFree,
  closeEngine,
  connectEngine,
  DEFAULT_NAME,
  findContainer,
  readCertDir,
  startRegistry,
  type EngineSpec,
} from '../../docker/index'
import type { CheckRow, DockerEndpoint } from '../contract'
import type { AllHandlers } from '../register-handlers'

/** The planned endpoint as the Docker core's EngineSpec (tcp:// reads the TLS client files from the folder given). */
export async function engineSpecOf(endpoint: DockerEndpoint): Promise<EngineSpec> {
  if (endpoint.kind === 'local') return {}
  if (endpoint.kind === 'ssh') return { host: endpoint.url }
  if (!endpoint.tlsDir) return { host: endpoint.url }
  const read = async (name: string): Promise<string> => {
    try {
      return await fs.readFile(join(endpoint.tlsDir ?? '', name), 'utf8')
    } catch {
      throw invalidInput('docker.tlsDir', endpoint.tlsDir, `it must hold ${name} (with ca.pem, cert.pem and key.pem)`)
    }
  }
  return { host: endpoint.url, tls: { ca: await read('ca.pem'), cert: await read('cert.pem'), key: await read('key.pem') } }
}

/** Preflight row titles in both languages (reasons are the core's own words). */
const TITLES = {
  certs: ['Server certificate and key', '服务器证书和私钥'],
  engine: ['Docker engine', 'Docker 引擎'],
  port: ['Port {}', '端口 {}'],
  name: ['Container "{}"', '容器“{}”'],
} as const
const titled = (id: keyof typeof TITLES, arg = ''): { title: string; titleZh: string } => ({
  title: TITLES[id][0].replace('{}', arg),
  titleZh: TITLES[id][1].replace('{}', arg),
})

const row = (id: keyof typeof TITLES, arg: string, err: unknown): CheckRow =>
  isAppError(err)
    ? { id, status: 'fail', ...titled(id, arg), reason: err.message, fix: err.hint }
    : { id, status: 'fail', ...titled(id, arg), reason: err instanceof Error ? err.message : String(err) }

type DockerChannels = 'testDockerConnection' | 'registryPreflight' | 'startRegistry'

/** The registry step, on the Docker core (main/docker). */
export function dockerHandlers(env: NodeJS.ProcessEnv = process.env, name: string = DEFAULT_NAME): Pick<AllHandlers, DockerChannels> {
  return {
    testDockerConnection: async ({ endpoint }) => {
      const info = await checkEngineSpec(await engineSpecOf(endpoint), env)
      return { serverVersion: info.version, apiVersion: info.apiVersion, os: info.os, arch: info.arch }
    },

    registryPreflight: async ({ plan, certDir }) => {
      const checks: CheckRow[] = []
      const host = plan.addresses[0]
      try {
        const cert = checkCertMaterial(await readCertDir(certDir), { host })
        checks.push({ id: 'certs', status: 'pass', ...titled('certs'), reason: `${cert.subject}, ${cert.daysLeft} days left` })
      } catch (err) {
        checks.push(row('certs', '', err))
      }
      const engine = connectEngine(await engineSpecOf(plan.docker), env)
      try {
        const info = await checkEngine(engine)
        checks.push({ id: 'engine', status: 'pass', ...titled('engine'), reason: `Docker ${info.version} (${info.os}/${info.arch})` })
        try {
          await checkPortFree(engine, plan.port)
          checks.push({ id: 'port', status: 'pass', ...titled('port', String(plan.port)), reason: 'free' })
        } catch (err) {
          checks.push(row('port', String(plan.port), err))
        }
        const existing = await findContainer(engine, name)
        checks.push(
          existing
            ? { id: 'name', status: 'warn', ...titled('name', name), reason: `already exists (${existing.state})`, fix: 'Starting will refuse; remove or rename it first.', fixZh: '启动会被拒绝：请先删除或重命名该容器。' }
            : { id: 'name', status: 'pass', ...titled('name', name), reason: 'name is free' },
        )
      } catch (err) {
        checks.push(row('engine', '', err))
      } finally {
        closeEngine(engine)
      }
      return { checks }
    },

    startRegistry: async ({ jobId, plan, certDir, imageTar, storagePath, users }, { job, emit }) => {
      const engine = connectEngine(await engineSpecOf(plan.docker), env)
      try {
        const certs = await readCertDir(certDir)
        const result = await startRegistry(
          engine,
          {
            name,
            port: plan.port,
            certs,
            registryHost: plan.addresses[0],
            ...(imageTar ? { imageTar } : {}),
            ...(storagePath ? { storage: { kind: 'hostPath' as const, path: storagePath } } : {}),
            ...(users?.length ? { users } : {}),
          },
          {
            signal: job?.signal,
            onProgress: (e) => {
              job?.progress(e.step, e.total ? Math.round(((e.current ?? 0) / e.total) * 100) : undefined, e.message)
              emit('job:log', { jobId, line: `${e.step}${e.id ? ` ${e.id}` : ''}: ${e.message}` })
            },
          },
        )
        return { containerId: result.id, url: result.url, imageSource: result.imageSource }
      } finally {
        closeEngine(engine)
      }
    },
  }
}
