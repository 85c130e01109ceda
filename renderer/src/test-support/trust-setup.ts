// The state the Trust step starts from in renderer tests: a plan for 192.168.20.10:5000 on the local engine and a
// server certificate issued for it (certs store), as the Certificates step leaves them.
import type { IssuedServerCert } from '../../../main/ipc/contract'
import { useCertsStore } from '../stores/certs-store'
import { usePlanStore } from '../stores/plan-store'

export const TRUST_CERT_DIR = '/home/u/Registry Wizard/certs/192.168.20.10_5000'

/** The certs store's issued pair for a folder, as the Certificates step leaves it. */
export function issuedFor(certDir: string): IssuedServerCert {
  return {
    outDir: certDir,
    certPath: `${certDir}/domain.crt`,
    keyPath: `${certDir}/domain.key`,
    caCertPath: `${certDir}/ca.crt`,
    certificate: { sans: [{ type: 'ip', value: '192.168.20.10' }] },
    lint: [],
  } as unknown as IssuedServerCert
}

export function loadTrustState(certDir = TRUST_CERT_DIR): void {
  usePlanStore.getState().load({ addresses: ['192.168.20.10'], port: 5000, docker: { kind: 'local' } })
  useCertsStore.setState({ issued: issuedFor(certDir) })
}
