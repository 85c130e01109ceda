// The registry's filesystem storage as the registry lays it out (docker/registry/v2 under /var/lib/registry), read
// through the Engine API's archive endpoint (GET /containers/{id}/archive): works for a volume and a host path, on
// local and remote engines, and needs nothing inside the image (registry:2 built from the Debian binary has no shell).
// Only tar headers and the small `link` files are read; blob contents pass through and are not kept.
import * as tar from 'tar'
import { DATA_DIR, engineCallFailed, rawError, type Engine } from '../docker/index'
import { message } from '../messages/index'

export const STORAGE_ROOT = `${DATA_DIR}/docker/registry/v2`

/** What the storage holds: every blob's size, and per repository the blobs it links (layers, configs, manifests). */
export interface StorageLayout {
  /** digest -> bytes of blobs/sha256/xx/<hex>/data */
  blobs: Map<string, number>
  /** repository -> the digests its _layers and _manifests/revisions link */
  repositories: Map<string, Set<string>>
  /** Bytes of unfinished uploads (repositories/<name>/_uploads). */
  uploadBytes: number
}

/** Calls `onEntry` for each entry of the tar of `path` in the container; false when the path is not there. */
async function walkArchive(
  engine: Engine,
  name: string,
  path: string,
  onEntry: (entry: tar.ReadEntry) => void,
): Promise<boolean> {
  let stream: NodeJS.ReadableStream
  try {
    stream = await engine.docker.getContainer(name).getArchive({ path })
  } catch (err) {
    if (rawError(err).statusCode === 404) return false
    throw engineCallFailed(message('manage.action.readStorage', { name, path }), err)
  }
  await new Promise<void>((resolve, reject) => {
    const parser = new tar.Parser({ onReadEntry: onEntry })
    parser.on('end', resolve)
    parser.on('error', reject)
    stream.on('error', reject)
    stream.pipe(parser)
  })
  return true
}

const BLOB_DATA = /^blobs\/(sha256)\/[0-9a-f]{2}\/([0-9a-f]{64})\/data$/
const LINK = /^repositories\/(.+?)\/(?:_layers|_manifests\/revisions)\/sha256\/([0-9a-f]{64})\/link$/
const UPLOAD = /^repositories\/.+?\/_uploads\//

/** Reads the layout of the registry container `name` (running or stopped); empty when nothing was ever pushed. */
export async function readLayout(engine: Engine, name: string): Promise<StorageLayout> {
  const layout: StorageLayout = { blobs: new Map(), repositories: new Map(), uploadBytes: 0 }
  await walkArchive(engine, name, `${STORAGE_ROOT}/blobs`, (entry) => {
    const m = BLOB_DATA.exec(entry.path)
    if (m !== null) layout.blobs.set(`${m[1]}:${m[2]}`, entry.size)
    entry.resume()
  })
  await walkArchive(engine, name, `${STORAGE_ROOT}/repositories`, (entry) => {
    const m = LINK.exec(entry.path)
    if (m !== null) {
      const repo = m[1] ?? ''
      const set = layout.repositories.get(repo) ?? new Set<string>()
      set.add(`sha256:${m[2]}`)
      layout.repositories.set(repo, set)
    } else if (UPLOAD.test(entry.path) && entry.type === 'File') layout.uploadBytes += entry.size
    entry.resume()
  })
  return layout
}
