import { createReadStream, promises as fs } from 'node:fs'
import { Transform } from 'node:stream'
import * as tar from 'tar'
import { AppError } from '../errors'
import {
  cancelled,
  engineCallFailed,
  engineMessage,
  isAbort,
  rawError,
  throwIfAborted,
} from './docker-errors'
import type { Engine } from './engine-check'
import { normalizeImageRef, sameImageRef } from './image-ref'
import type { JobOptions } from './progress'

interface StreamEvent {
  id?: string
  status?: string
  stream?: string
  error?: string
  errorDetail?: { message?: string }
  progressDetail?: { current?: number; total?: number }
}

export async function imagePresent(engine: Engine, ref: string): Promise<boolean> {
  try {
    await engine.docker.getImage(ref).inspect()
    return true
  } catch (err) {
    if (rawError(err).statusCode === 404) return false
    throw engineCallFailed(`Looking up image ${ref}`, err)
  }
}

/** Follows a JSON-lines progress stream; rejects on an `error` line, on abort, or on a broken stream. */
function follow(
  engine: Engine,
  stream: NodeJS.ReadableStream,
  onEvent: (e: StreamEvent) => void,
  signal?: AbortSignal,
): Promise<StreamEvent[]> {
  return new Promise((resolve, reject) => {
    let failed: string | undefined
    const onAbort = (): void => {
      ;(stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.(
        Object.assign(new Error('aborted'), { name: 'AbortError' }),
      )
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    engine.docker.modem.followProgress(
      stream,
      (err: unknown, out: StreamEvent[]) => {
        signal?.removeEventListener('abort', onAbort)
        if (err) reject(err instanceof Error ? err : new Error(engineMessage(err)))
        else if (signal?.aborted) reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))
        else if (failed !== undefined) reject(new Error(failed))
        else resolve(out)
      },
      (e: StreamEvent) => {
        if (e.error !== undefined || e.errorDetail?.message !== undefined)
          failed = e.errorDetail?.message ?? e.error
        onEvent(e)
      },
    )
  })
}

/** Pulls an image with per-layer progress; cancel with the signal. */
export async function pullImage(engine: Engine, ref: string, opts: JobOptions = {}): Promise<void> {
  throwIfAborted(opts.signal, `pulling ${ref}`)
  try {
    const stream = await engine.docker.pull(ref, { abortSignal: opts.signal })
    await follow(
      engine,
      stream,
      (e) => {
        opts.onProgress?.({
          step: 'pull',
          message: [e.id, e.status].filter(Boolean).join(': '),
          id: e.id,
          current: e.progressDetail?.current,
          total: e.progressDetail?.total,
        })
      },
      opts.signal,
    )
  } catch (err) {
    if (isAbort(err, opts.signal)) throw cancelled(`pulling ${ref}`)
    throw new AppError({
      code: 'IMAGE_PULL_FAILED',
      message: `Pulling ${ref} failed: ${engineMessage(err)}`,
      hint: 'Without internet access, load the image from a `docker save` tar (--image-tar FILE).',
      cause: err,
    })
  }
  if (!(await imagePresent(engine, ref))) {
    throw new AppError({
      code: 'IMAGE_PULL_FAILED',
      message: `Pulling ${ref} finished but the image is not on the engine`,
    })
  }
}

interface SaveManifestEntry {
  Config?: string
  RepoTags?: string[] | null
  Layers?: string[]
}

/** Reads manifest.json from a `docker save` tar (plain or gzip) and returns the tags it holds. */
export async function readImageTarTags(path: string): Promise<string[]> {
  try {
    await fs.access(path)
  } catch {
    throw new AppError({
      code: 'IMAGE_TAR_INVALID',
      kind: 'input',
      field: 'image-tar',
      message: `image-tar: ${path} cannot be read`,
      hint: 'Give the path of a tar made with `docker save IMAGE -o FILE`.',
    })
  }
  let manifest: string | undefined
  try {
    await tar.t({
      file: path,
      onReadEntry: (entry) => {
        if (entry.path === 'manifest.json' || entry.path === './manifest.json') {
          const chunks: Buffer[] = []
          entry.on('data', (c: Buffer) => chunks.push(c))
          entry.on('end', () => {
            manifest = Buffer.concat(chunks).toString('utf8')
          })
        }
      },
    })
  } catch {
    manifest = undefined
  }
  const notImage = new AppError({
    code: 'IMAGE_TAR_INVALID',
    kind: 'input',
    field: 'image-tar',
    message: `image-tar: ${path} is not a Docker image archive (no manifest.json inside)`,
    hint: 'Make the file on a machine with internet access: docker pull registry:2 && docker save registry:2 -o registry-2.tar',
  })
  if (manifest === undefined) throw notImage
  let entries: SaveManifestEntry[]
  try {
    entries = JSON.parse(manifest) as SaveManifestEntry[]
    if (!Array.isArray(entries)) throw new Error('not an array')
  } catch {
    throw notImage
  }
  return entries.flatMap((e) => e.RepoTags ?? [])
}

/**
 * Loads an image from a `docker save` tar after checking, on this side, that it is an image archive holding `ref`.
 * Progress is the share of the file sent; cancel with the signal.
 */
export async function loadImageTar(
  engine: Engine,
  path: string,
  ref: string,
  opts: JobOptions = {},
): Promise<void> {
  const tags = await readImageTarTags(path)
  if (!tags.some((t) => sameImageRef(t, ref))) {
    throw new AppError({
      code: 'IMAGE_TAR_NO_TAG',
      kind: 'input',
      field: 'image-tar',
      message: `image-tar: ${path} does not contain ${normalizeImageRef(ref)}; it holds ${tags.length === 0 ? 'no tagged image' : tags.join(', ')}`,
      hint: `Save the wanted image (docker save ${ref} -o FILE) or choose the image the tar holds with --image.`,
    })
  }
  throwIfAborted(opts.signal, `loading ${path}`)
  const total = (await fs.stat(path)).size
  let sent = 0
  let lastPct = -1
  const file = createReadStream(path)
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length
      const pct = Math.floor((sent / total) * 100)
      if (pct !== lastPct) {
        lastPct = pct
        opts.onProgress?.({ step: 'load', message: `sending ${path}: ${pct}%`, current: sent, total })
      }
      done(null, chunk)
    },
  })
  file.pipe(counter)
  try {
    const stream = await engine.docker.loadImage(counter, { abortSignal: opts.signal, quiet: true })
    await follow(
      engine,
      stream,
      (e) => {
        if (e.stream) opts.onProgress?.({ step: 'load', message: e.stream.trim() })
      },
      opts.signal,
    )
  } catch (err) {
    file.destroy()
    counter.destroy()
    if (isAbort(err, opts.signal)) throw cancelled(`loading ${path}`)
    throw new AppError({
      code: 'IMAGE_LOAD_FAILED',
      message: `Loading ${path} into the engine failed: ${engineMessage(err)}`,
      hint: 'Check that the tar is complete (docker save finished) and the engine has disk space.',
      cause: err,
    })
  }
  if (!(await imagePresent(engine, ref))) {
    throw new AppError({
      code: 'IMAGE_LOAD_FAILED',
      message: `Loading ${path} finished but ${ref} is not on the engine`,
    })
  }
}

/** Makes sure `ref` is on the engine: present -> nothing; tar given -> load it; else pull. */
export async function ensureImage(
  engine: Engine,
  ref: string,
  opts: JobOptions & { imageTar?: string | undefined; pull?: boolean | undefined } = {},
): Promise<'present' | 'loaded' | 'pulled'> {
  if (await imagePresent(engine, ref)) return 'present'
  if (opts.imageTar !== undefined) {
    await loadImageTar(engine, opts.imageTar, ref, opts)
    return 'loaded'
  }
  if (opts.pull === false) throw imageMissing(ref, 'pulling is switched off')
  try {
    await pullImage(engine, ref, opts)
    return 'pulled'
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMAGE_PULL_FAILED') throw imageMissing(ref, err.message)
    throw err
  }
}

export function imageMissing(ref: string, reason: string): AppError {
  return new AppError({
    code: 'IMAGE_MISSING',
    message: `Image ${ref} is not on the engine and no image tar was given (${reason})`,
    hint: `Load it offline: on a machine with internet run \`docker save ${ref} -o registry.tar\`, copy the file here and pass --image-tar registry.tar.`,
  })
}
