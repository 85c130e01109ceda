import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeOpensslChain as makeChainFiles, makeOpensslHierarchy } from '../support/openssl-chain'

/** The PEM texts the trust suites feed to `--ca`: an enterprise chain and an unrelated root. */
export interface OpensslChain {
  /** Self-signed "O=Example Corp, CN=Example Root CA". */
  root: string
  /** "CN=Example Issuing CA 1" (CA:TRUE, pathlen:0) issued by the root. */
  intermediate: string
  /** A server certificate (IP 192.168.20.10) issued by the intermediate. */
  leaf: string
  /** An unrelated self-signed root, "CN=Other Root CA". */
  otherRoot: string
}

/** The shared openssl-made chain (tests/support/openssl-chain.ts), read into memory; its files are removed. */
export function makeOpensslChain(): OpensslChain {
  const dir = mkdtempSync(join(tmpdir(), 'rw-trust-chain-'))
  try {
    const c = makeChainFiles(join(dir, 'corp'), ['192.168.20.10'], { name: 'Example', org: 'Example Corp' })
    const [other] = makeOpensslHierarchy(join(dir, 'other'), 0, { name: 'Other', org: 'Example Corp' })
    return {
      root: c.rootPem,
      intermediate: c.intermediatePem,
      leaf: c.leafPem,
      otherRoot: readFileSync(other?.cert ?? '', 'utf8'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
