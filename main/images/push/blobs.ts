// The blobs of an import, repository by repository: each blob HEADed first (there: skipped), mounted when this run
// already put it in another repository of the registry, else streamed from the archive (checked on the way).
// A few blobs go at once; the first failure stops the others (their uploads are torn down, nothing is completed).
import { Readable } from 'node:stream'
import { throwIfAborted } from '../../jobs/abort'
import { eachLimited } from '../../jobs/settle'
import { pushBlob, type RegistryClient } from '../../registry-api'
import type { ImageSource } from '../types'
import type { Meter } from './progress'

export interface BlobJob {
  repository: string
  digest: string
  size: number
  source: ImageSource
}

export interface BlobCounts {
  uploaded: number
  present: number
  mounted: number
}

export interface BlobPhase {
  client: RegistryClient
  meter: Meter
  signal?: AbortSignal | undefined
  concurrency: number
  streamMode?: 'put' | 'patch' | undefined
}

/** Every (repository, blob) once, in the order the images need them; counts what happened to each. */
export async function pushBlobs(jobs: BlobJob[], p: BlobPhase): Promise<BlobCounts> {
  const counts: BlobCounts = { uploaded: 0, present: 0, mounted: 0 }
  const placed = new Map<string, string>()
  const repositories = [...new Set(jobs.map((j) => j.repository))]
  for (const repository of repositories) {
    throwIfAborted(p.signal)
    const mine = jobs.filter((j) => j.repository === repository)
    await eachLimited(mine, p.concurrency, async (job, _i, stop) => {
      const signal = p.signal === undefined ? stop : AbortSignal.any([p.signal, stop])
      const from = placed.get(job.digest)
      const b = { digest: job.digest, size: job.size, repository }
      const open = (): Readable => {
        const s = job.source.openBlob(job.digest)
        return s instanceof Readable ? s : new Readable().wrap(s)
      }
      const res = await pushBlob(
        p.client,
        repository,
        { kind: 'stream', open, size: job.size },
        {
          digest: job.digest,
          mountFrom: from,
          signal,
          streamMode: p.streamMode,
          onProgress: (sent) => p.meter.bytes(b, sent),
        },
      )
      counts[res.outcome]++
      if (!placed.has(job.digest)) placed.set(job.digest, repository)
      p.meter.blobDone(b, res.outcome, from)
    })
  }
  return counts
}
