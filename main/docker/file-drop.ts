import { AppError } from '../errors'
import { message } from '../messages/index'
import { engineCallFailed, engineMessage, rawError } from './docker-errors'
import type { Engine } from './engine-check'
import { LABEL_MANAGED } from './labels'
import { packFiles, type FileEntry } from './tar-files'

/** Where files end up on the engine's side: a named volume, or a directory on the engine's host. */
export type DropTarget = { kind: 'volume'; name: string } | { kind: 'hostPath'; path: string }

const DROP_DIR = '/rw-drop'

export async function ensureVolume(
  engine: Engine,
  name: string,
  labels: Record<string, string> = {},
): Promise<void> {
  try {
    await engine.docker.getVolume(name).inspect()
  } catch (err) {
    if (rawError(err).statusCode !== 404)
      throw engineCallFailed(message('docker.action.lookUpVolume', { name }), err)
    try {
      await engine.docker.createVolume({ Name: name, Labels: { [LABEL_MANAGED]: 'true', ...labels } })
    } catch (e) {
      throw engineCallFailed(message('docker.action.createVolume', { name }), e)
    }
  }
}

/**
 * Copies files into a named volume or a host path of the engine with putArchive, through a short-lived container of
 * `image` (the registry image itself: no extra image, no SSH file copy). The container is created, never started,
 * and removed afterwards. Works the same for local and remote engines.
 */
export async function dropFiles(
  engine: Engine,
  image: string,
  target: DropTarget,
  files: FileEntry[],
): Promise<void> {
  if (target.kind === 'volume') await ensureVolume(engine, target.name)
  const source = target.kind === 'volume' ? target.name : target.path
  const archive = await packFiles(files)
  let container: Awaited<ReturnType<Engine['docker']['createContainer']>> | undefined
  try {
    container = await engine.docker.createContainer({
      Image: image,
      Entrypoint: ['/bin/true'],
      Cmd: [],
      Labels: { [LABEL_MANAGED]: 'true' },
      HostConfig: { Binds: [`${source}:${DROP_DIR}`] },
    })
    await container.putArchive(archive, { path: DROP_DIR })
  } catch (err) {
    const volume = target.kind === 'volume'
    throw new AppError({
      code: 'CERT_COPY_FAILED',
      params: {
        files: files.map((f) => f.name),
        target: volume
          ? message('docker.target.volume', { name: source })
          : message('docker.target.hostPath', { path: source }),
        detail: engineMessage(err),
        fix: message(volume ? 'docker.fix.copyVolume.neutral' : 'docker.fix.copyHostPath.neutral'),
      },
      cause: err,
    })
  } finally {
    // v: the image declares VOLUME /var/lib/registry, so the container got an anonymous volume: remove it too.
    if (container) await container.remove({ force: true, v: true }).catch(() => undefined)
  }
}
