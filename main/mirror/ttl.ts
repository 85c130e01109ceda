import { AppError } from '../errors'
import { engineCallFailed, LABEL_MANAGED, lastLogLines, type Engine } from '../docker'
import { message } from '../messages/index'

/**
 * The distribution version the image's `registry --version` prints (`... 2.8.2+ds1`, `... v3.0.0`), asked in a
 * short-lived container of the image; undefined when it prints none.
 */
export async function registryVersion(engine: Engine, image: string): Promise<string | undefined> {
  let container: Awaited<ReturnType<Engine['docker']['createContainer']>> | undefined
  try {
    container = await engine.docker.createContainer({
      Image: image,
      Entrypoint: ['registry', '--version'],
      Cmd: [],
      Labels: { [LABEL_MANAGED]: 'true' },
    })
    await container.start()
    await container.wait()
    const printed = (await lastLogLines(engine, container.id, 5)).join(' ')
    return /\bv?(\d+\.\d+\.\d+\S*)\s*$/.exec(printed)?.[1]
  } catch (err) {
    throw engineCallFailed(message('mirror.action.version', { image }), err)
  } finally {
    await container?.remove({ force: true, v: true }).catch(() => undefined)
  }
}

/** `proxy.ttl` came with distribution 3: an older image would ignore it, so a TTL asked for there is refused. */
export async function checkTtlSupported(engine: Engine, image: string): Promise<void> {
  const version = await registryVersion(engine, image)
  const major = Number(version?.split('.')[0] ?? 'NaN')
  if (Number.isFinite(major) && major >= 3) return
  throw new AppError({
    code: 'MIRROR_TTL_UNSUPPORTED',
    kind: 'input',
    field: 'ttl',
    params: { image, version: version ?? message('mirror.version.unknown') },
  })
}
