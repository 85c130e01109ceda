import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { closeEngine, connectEngine, type Engine, type EngineSpec } from '../docker/index'
import { invalidInput } from '../errors'
import { message } from '../messages/index'
import type { DockerEndpoint } from './contract'

/** The planned endpoint as the Docker core's EngineSpec (tcp:// reads the TLS client files from the folder given). */
export async function engineSpecOf(endpoint: DockerEndpoint): Promise<EngineSpec> {
  if (endpoint.kind === 'local') return {}
  if (endpoint.kind === 'ssh') return { host: endpoint.url }
  if (!endpoint.tlsDir)
    return { host: endpoint.url, ...(endpoint.insecure === true ? { insecure: true } : {}) }
  const read = async (name: string): Promise<string> => {
    try {
      return await fs.readFile(join(endpoint.tlsDir ?? '', name), 'utf8')
    } catch {
      throw invalidInput('docker.tlsDir', endpoint.tlsDir, message('docker.allowed.tlsDir', { file: name }))
    }
  }
  return {
    host: endpoint.url,
    tls: { ca: await read('ca.pem'), cert: await read('cert.pem'), key: await read('key.pem') },
  }
}

export interface EngineFactory {
  connect: (spec: EngineSpec, env: NodeJS.ProcessEnv) => Engine
  close: (engine: Engine) => void
}

/**
 * One engine for the planned endpoint, shared by every docker handler (an ssh:// engine keeps ONE SSH connection).
 * A call for another endpoint closes the old engine first; `closeAll` (on app quit) closes the last one.
 */
export class EngineCache {
  private current: { key: string; engine: Engine } | undefined

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly factory: EngineFactory = { connect: connectEngine, close: closeEngine },
  ) {}

  async get(endpoint: DockerEndpoint): Promise<Engine> {
    const key = JSON.stringify(endpoint)
    if (this.current?.key === key) return this.current.engine
    const spec = await engineSpecOf(endpoint)
    this.closeAll()
    const engine = this.factory.connect(spec, this.env)
    this.current = { key, engine }
    return engine
  }

  closeAll(): void {
    const engine = this.current?.engine
    this.current = undefined
    if (engine) this.factory.close(engine)
  }
}
