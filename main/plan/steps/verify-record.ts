import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { writeFileAtomic } from '../../fs/atomic-write'
import type { SetupState } from '../setup-types'
import { readIfThere } from './key-type'
import { engineOf } from './registry-step'

/**
 * What a passed round trip was done against, kept beside the pair it proved (certificate.dir/setup-verified.json):
 * the container (id and start time), the served certificate, the root clients trust and this machine's trust root.
 * A later run with every step kept and this record still true has nothing new for a push to prove: it runs every
 * other check for real and skips the round trip (delete the file to have it done again).
 */
export const VERIFY_RECORD_FILE = 'setup-verified.json'

interface VerifyRecord {
  version: 1
  registry: string
  container: string
  certSha256: string
  rootSha256: string
  trustRoot: string
  at: string
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')
const recordPath = (s: SetupState): string => join(s.input.certificate.dir, VERIFY_RECORD_FILE)

/** The record as this run would write it (undefined without the pair or the container). */
async function current(s: SetupState, registry: string): Promise<Omit<VerifyRecord, 'at'> | undefined> {
  if (s.certs === undefined || s.rootPem === undefined) return undefined
  const info = await engineOf(s)
    .docker.getContainer(s.input.name)
    .inspect()
    .catch(() => undefined)
  if (info === undefined) return undefined
  return {
    version: 1,
    registry,
    container: `${info.Id} ${info.State.StartedAt}`,
    certSha256: sha256(s.certs.certPem),
    rootSha256: sha256(s.rootPem),
    trustRoot: s.input.trust?.root ?? '',
  }
}

/** The time of an earlier round trip that still holds (every step kept, same container, pair, root), or undefined. */
export async function roundTripStillHolds(s: SetupState, registry: string): Promise<string | undefined> {
  if (!s.outcomes.every((o) => o.status === 'kept' || o.status === 'skipped')) return undefined
  const text = await readIfThere(recordPath(s), 'certificate.dir')
  if (text === undefined) return undefined
  let old: Partial<VerifyRecord>
  try {
    old = JSON.parse(text) as Partial<VerifyRecord>
  } catch {
    return undefined
  }
  const now = await current(s, registry)
  if (now === undefined) return undefined
  const same = (Object.keys(now) as (keyof typeof now)[]).every((k) => old[k] === now[k])
  return same && typeof old.at === 'string' ? old.at : undefined
}

/** Writes the record after a passed round trip. */
export async function recordRoundTrip(s: SetupState, registry: string): Promise<void> {
  const now = await current(s, registry)
  if (now === undefined) return
  const record: VerifyRecord = { ...now, at: new Date().toISOString() }
  await writeFileAtomic(recordPath(s), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 })
}
