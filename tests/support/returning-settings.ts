// The settings a returning user has, written where the wizard's main reads them (<work>/data/settings.json): the
// plan (one address, the port, the local engine), its CA as a known CA and the served certificate as a known
// certificate. Home resumes from them and main finds the registry's CA there (the e2e suites start from Home).
import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'

export interface ReturningUser {
  /** The wizard's work folder (tests/e2e/harness.ts Wizard.work). */
  work: string
  port: number
  caDir: string
  certDir: string
  address?: string
}

export async function writeReturningSettings(u: ReturningUser): Promise<void> {
  const address = u.address ?? '127.0.0.1'
  const ca = new X509Certificate(await fs.readFile(join(u.caDir, 'ca.crt')))
  const leaf = new X509Certificate(await fs.readFile(join(u.certDir, 'domain.crt')))
  const when = (c: X509Certificate): string => new Date(c.validTo).toISOString()
  const settings = {
    plan: { addresses: [address], port: u.port, docker: { kind: 'local' } },
    knownCas: [
      { dir: u.caDir, subject: ca.subject, fingerprintSha256: ca.fingerprint256, notAfter: when(ca) },
    ],
    knownCerts: [
      {
        certPath: join(u.certDir, 'domain.crt'),
        caDir: u.caDir,
        sans: [address],
        fingerprintSha256: leaf.fingerprint256,
        notAfter: when(leaf),
      },
    ],
  }
  await fs.mkdir(join(u.work, 'data'), { recursive: true })
  await fs.writeFile(join(u.work, 'data/settings.json'), JSON.stringify(settings))
}
