// Certificates over time (main/lifecycle) for the window: renewing the served certificate as one job.
import { CERT_FILE, CERTS_DIR, chainsTo, DEFAULT_NAME, readContainerFile } from '../../docker/index'
import { AppError } from '../../errors'
import { renewServerCertificate } from '../../lifecycle/renew-certificate'
import { CA_CERT_FILE, pemCertificates, readCaDirFile } from '../../pki/index'
import type { SettingsStore } from '../../state/settings-store'
import type { Engine } from '../../docker/index'
import type { EngineCache } from '../engine-cache'
import type { AllHandlers } from '../register-handlers'

export interface LifecycleHandlerDeps {
  settings: SettingsStore
  engines: EngineCache
  containerName?: string | undefined
}

/** The CA among those the app knows that issued the certificate the container serves; undefined when none did. */
export async function knownIssuer(
  settings: SettingsStore,
  engine: Engine,
  name: string,
): Promise<string | undefined> {
  const served = await readContainerFile(engine, name, `${CERTS_DIR}/${CERT_FILE}`)
  const leaf = served === undefined ? undefined : pemCertificates(served, 'lenient')[0]
  if (leaf === undefined) return undefined
  for (const ca of (await settings.read()).knownCas) {
    const text = await readCaDirFile(ca.dir, CA_CERT_FILE, 'caDir').catch(() => undefined)
    if (text !== undefined && chainsTo([leaf], pemCertificates(text, 'lenient'))) return ca.dir
  }
  return undefined
}

export function lifecycleHandlers(deps: LifecycleHandlerDeps): Pick<AllHandlers, 'registryRenewCert'> {
  const name = deps.containerName ?? DEFAULT_NAME
  return {
    registryRenewCert: async ({ plan, caDir, passphrase, days }, { job }) => {
      const engine = await deps.engines.get(plan.docker)
      const dir = caDir ?? (await knownIssuer(deps.settings, engine, name))
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
        },
        { signal: job?.signal, onProgress: job?.report },
      )
      return { notAfter: out.notAfter, status: out.health.status, sans: out.sans, caDir: dir }
    },
  }
}
