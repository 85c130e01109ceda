// Certificates over time (main/lifecycle) for the window: renewing the served certificate (or moving it to the new
// CA after a CA renewal) and renewing the CA, each as one job; which known CA issued what the registry serves.
import { CERT_FILE, CERTS_DIR, chainsTo, DEFAULT_NAME, readContainerFile } from '../../docker/index'
import type { Engine } from '../../docker/index'
import { AppError } from '../../errors'
import { previousCas } from '../../lifecycle/previous-ca'
import { renewCa } from '../../lifecycle/renew-ca'
import { renewServerCertificate } from '../../lifecycle/renew-certificate'
import { CA_CERT_FILE, pemCertificates, readCaDirFile } from '../../pki/index'
import type { SettingsStore } from '../../state/settings-store'
import type { ServedCaInfo } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { AllHandlers } from '../register-handlers'

export interface LifecycleHandlerDeps {
  settings: SettingsStore
  engines: EngineCache
  containerName?: string | undefined
  now?: (() => Date) | undefined
}

type X509 = ReturnType<typeof pemCertificates>[number]

async function servedLeaf(engine: Engine, name: string): Promise<X509 | undefined> {
  const served = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  return served === undefined ? undefined : pemCertificates(served, 'lenient')[0]
}

/**
 * The known CA behind the served certificate: one whose ca.crt issued it ('current'), else one whose archived
 * previous CA did ('previous': a CA renewal happened since; the registry should move to the new CA).
 */
export async function servedCaOf(
  settings: SettingsStore,
  engine: Engine,
  name: string,
  now: Date = new Date(),
): Promise<ServedCaInfo> {
  const leaf = await servedLeaf(engine, name)
  if (leaf === undefined) return { issuer: 'unknown' }
  const { knownCas } = await settings.read()
  for (const ca of knownCas) {
    const text = await readCaDirFile(ca.dir, CA_CERT_FILE, 'caDir').catch(() => undefined)
    if (text !== undefined && chainsTo([leaf], pemCertificates(text, 'lenient')))
      return { issuer: 'current', caDir: ca.dir }
  }
  for (const ca of knownCas) {
    const previous = (await previousCas(ca.dir, now).catch(() => [])).find((p) =>
      chainsTo([leaf], pemCertificates(p.pem, 'lenient')),
    )
    if (previous !== undefined) {
      const { fingerprintSha256, notAfter } = previous
      return { issuer: 'previous', caDir: ca.dir, previousCa: { fingerprintSha256, notAfter } }
    }
  }
  return { issuer: 'unknown' }
}

type LifecycleChannels = 'registryRenewCert' | 'renewCa' | 'servedCa'

export function lifecycleHandlers(deps: LifecycleHandlerDeps): Pick<AllHandlers, LifecycleChannels> {
  const name = deps.containerName ?? DEFAULT_NAME
  const now = deps.now ?? (() => new Date())
  return {
    registryRenewCert: async ({ plan, caDir, passphrase, days, toNewCa }, { job }) => {
      const engine = await deps.engines.get(plan.docker)
      const dir = caDir ?? (await servedCaOf(deps.settings, engine, name, now())).caDir
      if (dir === undefined) throw new AppError({ code: 'RENEW_CA_UNKNOWN', params: { name } })
      const out = await renewServerCertificate(
        {
          engine,
          name,
          caDir: dir,
          addSans: plan.addresses,
          registryHost: plan.addresses[0],
          passphrase,
          days,
          toNewCa,
        },
        { signal: job?.signal, onProgress: job?.report },
      )
      const move = out.move && { previousCaOnly: out.move.previousCaOnly, bothCas: out.move.bothCas }
      return { notAfter: out.notAfter, status: out.health.status, sans: out.sans, caDir: dir, move }
    },
    renewCa: async ({ caDir, passphrase, days }, { job }) => {
      const r = await renewCa({ caDir, passphrase, days }, { signal: job?.signal, onProgress: job?.report })
      await deps.settings.rememberCa({
        dir: r.dir,
        subject: r.subject,
        fingerprintSha256: r.fingerprintSha256,
        notAfter: r.notAfter,
      })
      const { certPath, notAfter, fingerprintSha256 } = r.previous
      return {
        dir: r.dir,
        subject: r.subject,
        notAfter: r.notAfter,
        fingerprintSha256: r.fingerprintSha256,
        previous: { certPath, notAfter, fingerprintSha256 },
        overlapUntil: r.overlapUntil,
      }
    },
    servedCa: async ({ plan }) => servedCaOf(deps.settings, await deps.engines.get(plan.docker), name, now()),
  }
}
