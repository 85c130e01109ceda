import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'

/** What the later steps act on: the planned host:port and the issued certificate's folder and CA copy. */
export function useTarget():
  { host: string; port: number; certDir: string; certPath: string; caCertPath: string } | undefined {
  const host = usePlanStore((s) => s.addresses[0])
  const port = usePlanStore((s) => Number(s.port))
  const issued = useCertsStore((s) => s.issued)
  const addresses = usePlanStore((s) => s.addresses.join(','))
  if (!host || !issued || issued.certificate.sans.map((s) => s.value).join(',') !== addresses)
    return undefined
  return { host, port, certDir: issued.outDir, certPath: issued.certPath, caCertPath: issued.caCertPath }
}
