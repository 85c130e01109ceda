// Progress of an export: per blob and in total, with bytes/s, at most every `everyMs` (and always at a blob's end).
import { message, type Message } from '../../messages/index'
import type { TransferProgress } from '../types'

export interface Meter {
  /** A step without bytes (a manifest read, the archive's metadata, the read-back). */
  step: (m: Message) => void
  /** Bytes of one blob so far; `end` forces the report. */
  blob: (digest: string, size: number, repository: string, done: number, end?: boolean) => void
  done: () => number
}

export function meter(
  total: number,
  onProgress: ((p: TransferProgress) => void) | undefined,
  everyMs = 200,
  now: () => number = Date.now,
): Meter {
  const start = now()
  let finished = 0 // bytes of blobs already complete
  let last = 0
  let current = 0
  const rate = (done: number): number => {
    const s = (now() - start) / 1000
    return s > 0 ? Math.round(done / s) : 0
  }
  return {
    step: (m) => onProgress?.({ message: m, done: finished, total, bytesPerSecond: rate(finished) }),
    blob: (digest, size, repository, done, end = false) => {
      current = done
      const t = now()
      if (!end && t - last < everyMs) return
      last = t
      const sum = finished + current
      if (end) {
        finished += done
        current = 0
      }
      onProgress?.({
        message: message('progress.imagesExport.blob', { digest, repository }),
        blob: { digest, done, size, ...(end ? { outcome: 'fetched' as const } : {}) },
        done: sum,
        total,
        bytesPerSecond: rate(sum),
      })
    },
    done: () => finished,
  }
}
