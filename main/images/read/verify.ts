// A blob's bytes as they leave the archive, checked on the way: the sha256 and the size must be what the
// manifest says, else the stream fails with IMAGES_BLOB_DIGEST / IMAGES_BLOB_SIZE before it ends (so an upload
// fed by it is never completed).
import { createHash } from 'node:crypto'
import { Transform, type Readable } from 'node:stream'
import { blobDigestError, blobSizeError } from './common'

export function verifiedStream(src: Readable, path: string, digest: string, size: number): Readable {
  const hash = createHash('sha256')
  let seen = 0
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      seen += chunk.length
      done(null, chunk)
    },
    flush(done) {
      if (seen !== size) {
        done(blobSizeError(path, digest, size, seen))
        return
      }
      const actual = `sha256:${hash.digest('hex')}`
      done(actual === digest ? null : blobDigestError(path, digest, actual))
    },
  })
  src.on('error', (e) => check.destroy(e))
  check.on('close', () => {
    if (!src.destroyed) src.destroy()
  })
  return src.pipe(check)
}
