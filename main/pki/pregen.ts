// Background key generation for the GUI (issue 15): when the user picks an RSA key type in the certificate step, the
// key is generated while they fill in the rest, so "Create CA" does not wait ~1.5 s of random prime search. Main-side
// only: the renderer sends the key TYPE as a hint, never receives a key, and a key is handed out once.
import type { KeyObject } from 'node:crypto'
import { generateKey } from './keys'
import type { KeyType } from './types'

/**
 * A pool of at most one pre-generated key, keyed by type. `hint(type)` starts the generation of a key of that type
 * (RSA only: an ECDSA P-256 key takes a millisecond) and drops any key of another type; `take(type)` hands the key
 * out and forgets it, so no key ever serves two CAs or certificates; `discard()` drops everything (on app quit).
 * A dropped key is never written anywhere: it is left to the garbage collector, as every other unused KeyObject.
 */
export class KeyPregen {
  private pending: { type: KeyType; key: Promise<KeyObject | undefined> } | undefined

  constructor(private readonly generate: (type: KeyType) => Promise<KeyObject> = generateKey) {}

  /** The user set the key type control: get a key of that type ready (at most one generation at a time). */
  hint(type: KeyType): void {
    if (this.pending?.type === type) return
    this.pending = undefined
    if (type === 'ecdsa-p256') return
    // A failed generation is no key: the create then generates its own and reports any error itself.
    this.pending = { type, key: this.generate(type).catch(() => undefined) }
  }

  /** The pre-generated key of this type, once (undefined when there is none: the caller generates its own). */
  take(type: KeyType): Promise<KeyObject | undefined> | undefined {
    if (this.pending?.type !== type) return undefined
    const { key } = this.pending
    this.pending = undefined
    return key
  }

  /** The type a key is pending or ready for, if any (tests, diagnostics). */
  pendingType(): KeyType | undefined {
    return this.pending?.type
  }

  /** Drops any unused key (app quit). */
  discard(): void {
    this.pending = undefined
  }
}
