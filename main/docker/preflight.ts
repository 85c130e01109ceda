import { createServer } from 'node:net'
import { AppError } from '../errors'
import { message, type Param } from '../messages/index'
import { engineCallFailed } from './docker-errors'
import type { Engine } from './engine-check'
import { LABEL_MANAGED } from './labels'

export interface ExistingContainer {
  id: string
  name: string
  state: string
  image: string
  managed: boolean
}

/** The container with exactly this name, or undefined. */
export async function findContainer(engine: Engine, name: string): Promise<ExistingContainer | undefined> {
  let list: Awaited<ReturnType<Engine['docker']['listContainers']>>
  try {
    list = await engine.docker.listContainers({ all: true, filters: { name: [`^/${name}$`] } })
  } catch (err) {
    throw engineCallFailed(message('docker.action.listContainers'), err)
  }
  const c = list[0]
  if (c === undefined) return undefined
  return { id: c.Id, name, state: c.State, image: c.Image, managed: c.Labels[LABEL_MANAGED] === 'true' }
}

export function nameInUse(c: ExistingContainer): AppError {
  return new AppError({
    code: 'NAME_IN_USE',
    params: {
      name: c.name,
      state: c.state,
      image: c.image,
      made: c.managed ? message('docker.container.madeByUs') : '',
    },
  })
}

/** A container (other than `except`) that publishes `port` on the engine's host. */
export async function portPublishedBy(
  engine: Engine,
  port: number,
  except?: string,
): Promise<string | undefined> {
  let list: Awaited<ReturnType<Engine['docker']['listContainers']>>
  try {
    list = await engine.docker.listContainers({ all: false })
  } catch (err) {
    throw engineCallFailed(message('docker.action.listContainers'), err)
  }
  for (const c of list) {
    const name = (c.Names[0] ?? c.Id).replace(/^\//, '')
    if (name === except) continue
    if (c.Ports.some((p) => p.PublicPort === port)) return name
  }
  return undefined
}

/** True when some program on this machine already listens on the port (checked for local engines only). */
export function portBoundLocally(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES')
    })
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => {
        resolve(false)
      })
    })
  })
}

/** `by`: who holds it (a `docker.container.*` message, or the engine's own words). */
export function portInUse(port: number, by: Param): AppError {
  return new AppError({ code: 'PORT_IN_USE', params: { port, by } })
}

export async function checkPortFree(engine: Engine, port: number, except?: string): Promise<void> {
  const by = await portPublishedBy(engine, port, except)
  if (by !== undefined) throw portInUse(port, message('docker.container.publishedBy', { name: by }))
  // The container about to be replaced may hold the port itself (docker-proxy listens for it): that is no clash.
  if (except !== undefined && (await portPublishedBy(engine, port)) === except) return
  if (engine.resolved.local && (await portBoundLocally(port)))
    throw portInUse(port, message('docker.container.listening'))
}
