import { createReadStream, promises as fs, type ReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { AppError } from '../errors'
import { cancelled, isAbort, throwIfAborted } from '../jobs/abort'
import { message, type Param } from '../messages/index'
import { engineCallFailed, engineMessage, rawError } from './docker-errors'
import type { Engine } from './engine-check'
import { normalizeImageRef, sameImageRef } from './image-ref'
import { progressMessage, type JobOptions } from './progress'

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
    throw engineCallFailed(message('docker.action.lookUpImage', { image: ref }), err)
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
  throwIfAborted(opts.signal)
  try {
    const stream = await engine.docker.pull(ref, { abortSignal: opts.signal })
    await follow(
      engine,
      stream,
      (e) => {
        const status = e.status ?? ''
        opts.onProgress?.({
          step: 'pull',
          message:
            e.id === undefined
              ? progressMessage('pullStatus', { status })
              : progressMessage('pull', { layer: e.id, status }),
          id: e.id,
          status,
          current: e.progressDetail?.current,
          total: e.progressDetail?.total,
        })
      },
      opts.signal,
    )
  } catch (err) {
    if (isAbort(err, opts.signal)) throw cancelled(err)
    throw new AppError({
      code: 'IMAGE_PULL_FAILED',
      params: { image: ref, detail: engineMessage(err) },
      cause: err,
    })
  }
  if (!(await imagePresent(engine, ref)))
    throw new AppError({ code: 'IMAGE_PULL_INCOMPLETE', params: { image: ref } })
}

/** The tar given is not a `docker save` archive we can read. */
function tarInvalid(why: 'unreadable' | 'notImage', path: string): AppError {
  return new AppError({
    code: 'IMAGE_TAR_INVALID',
    kind: 'input',
    field: 'imageTar',
    params: {
      detail: message(`docker.tar.${why}`, { path }),
      fix: message(
        why === 'unreadable' ? 'docker.fix.tarUnreadable.neutral' : 'docker.fix.tarNotImage.neutral',
      ),
    },
  })
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
    throw tarInvalid('unreadable', path)
  }
  let manifest: string | undefined
  // tar (~40 ms to load) loads only for an image tar.
  const tar = await import('tar')
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
  const notImage = tarInvalid('notImage', path)
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

/** The tar holds `ref` (checked on this side, before anything is sent), else invalid input naming what it holds. */
async function assertTarHolds(path: string, ref: string): Promise<void> {
  const tags = await readImageTarTags(path)
  if (tags.some((t) => sameImageRef(t, ref))) return
  throw new AppError({
    code: 'IMAGE_TAR_NO_TAG',
    kind: 'input',
    field: 'imageTar',
    params: {
      path,
      image: normalizeImageRef(ref),
      tags: tags.length === 0 ? message('docker.tar.noTags') : tags,
    },
  })
}

/** The file as a stream, reporting the share sent (each whole percent once). */
function sendingStream(
  path: string,
  total: number,
  opts: JobOptions,
): { file: ReadStream; counter: Transform } {
  let sent = 0
  let lastPct = -1
  const file = createReadStream(path)
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length
      const pct = Math.floor((sent / total) * 100)
      if (pct !== lastPct) {
        lastPct = pct
        opts.onProgress?.({
          step: 'load',
          message: progressMessage('loadSending', { path, percent: pct }),
          current: sent,
          total,
        })
      }
      done(null, chunk)
    },
  })
  file.pipe(counter)
  return { file, counter }
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
  await assertTarHolds(path, ref)
  throwIfAborted(opts.signal)
  const { file, counter } = sendingStream(path, (await fs.stat(path)).size, opts)
  try {
    const stream = await engine.docker.loadImage(counter, { abortSignal: opts.signal, quiet: true })
    await follow(
      engine,
      stream,
      (e) => {
        if (e.stream)
          opts.onProgress?.({
            step: 'load',
            message: progressMessage('loadEngine', { text: e.stream.trim() }),
          })
      },
      opts.signal,
    )
  } catch (err) {
    file.destroy()
    counter.destroy()
    if (isAbort(err, opts.signal)) throw cancelled(err)
    throw new AppError({
      code: 'IMAGE_LOAD_FAILED',
      params: { path, detail: engineMessage(err) },
      cause: err,
    })
  }
  if (!(await imagePresent(engine, ref)))
    throw new AppError({ code: 'IMAGE_LOAD_INCOMPLETE', params: { path, image: ref } })
}

/** Makes sure `ref` is on the engine: present -> nothing; tar given -> load it; else pull. */
export async function ensureImage(
  engine: Engine,
  ref: string,
  opts: JobOptions & {
    imageTar?: string | undefined
    pull?: boolean | undefined
    /** imagePresent's answer when it was asked already (see lookUpEarly in start-registry.ts). */
    present?: Promise<boolean> | undefined
  } = {},
): Promise<'present' | 'loaded' | 'pulled'> {
  if (await (opts.present ?? imagePresent(engine, ref))) return 'present'
  if (opts.imageTar !== undefined) {
    await loadImageTar(engine, opts.imageTar, ref, opts)
    return 'loaded'
  }
  if (opts.pull === false) throw imageMissing(ref, message('docker.image.pullOff'))
  try {
    await pullImage(engine, ref, opts)
    return 'pulled'
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMAGE_PULL_FAILED')
      throw imageMissing(ref, message('error.IMAGE_PULL_FAILED.message', err.params))
    throw err
  }
}

/** `reason`: why it could not be pulled (a message). */
export function imageMissing(ref: string, reason: Param): AppError {
  return new AppError({ code: 'IMAGE_MISSING', params: { image: ref, reason } })
}
