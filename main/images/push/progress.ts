// Progress of an import: bytes done of the total (a blob already there or mounted counts as done), bytes/s over
// the last seconds of actual sending, byte events throttled to about 10 a second (step events always pass).
import { message, type Message } from '../../messages/index'
import type { TransferProgress } from '../types'

const EVERY_MS = 100
const WINDOW_MS = 3000

export interface Meter {
  /** Bytes of one blob sent so far (throttled). */
  bytes: (b: { digest: string; size: number; repository: string }, sentOfBlob: number) => void
  /** A blob finished: present, mounted or uploaded (always reported). */
  blobDone: (
    b: { digest: string; size: number; repository: string },
    outcome: 'present' | 'mounted' | 'uploaded',
    from?: string,
  ) => void
  step: (msg: Message) => void
  uploadedBytes: () => number
}

export function meter(total: number, onProgress: ((p: TransferProgress) => void) | undefined): Meter {
  let done = 0
  let uploaded = 0
  let last = 0
  const inFlight = new Map<string, number>()
  const samples: [number, number][] = []
  const rate = (): number => {
    const now = Date.now()
    samples.push([now, uploaded])
    while (samples.length > 2 && (samples[0]?.[0] ?? now) < now - WINDOW_MS) samples.shift()
    const [t0, b0] = samples[0] ?? [now, uploaded]
    return now - t0 < 50 ? 0 : Math.round(((uploaded - b0) * 1000) / (now - t0))
  }
  const current = (): number => done + [...inFlight.values()].reduce((a, b) => a + b, 0)
  const emit = (p: Omit<TransferProgress, 'done' | 'total' | 'bytesPerSecond'>): void => {
    onProgress?.({ ...p, done: current(), total, bytesPerSecond: rate() })
  }
  return {
    bytes: (b, sent) => {
      const key = `${b.repository}@${b.digest}`
      uploaded += sent - (inFlight.get(key) ?? 0)
      inFlight.set(key, sent)
      const now = Date.now()
      if (now - last < EVERY_MS) return
      last = now
      const msg = message('progress.images.blob', { digest: b.digest, repository: b.repository })
      emit({ message: msg, blob: { digest: b.digest, done: sent, size: b.size } })
    },
    blobDone: (b, outcome, from) => {
      const key = `${b.repository}@${b.digest}`
      uploaded -= inFlight.get(key) ?? 0
      if (outcome === 'uploaded') uploaded += b.size
      inFlight.delete(key)
      done += b.size
      const keys = { present: 'blobPresent', mounted: 'blobMounted', uploaded: 'blobUploaded' } as const
      const params = { digest: b.digest, repository: b.repository, from: from ?? '' }
      const msg = message(`progress.images.${keys[outcome]}`, params)
      emit({ message: msg, blob: { digest: b.digest, done: b.size, size: b.size, outcome } })
    },
    step: (msg) => {
      emit({ message: msg })
    },
    uploadedBytes: () => uploaded,
  }
}
