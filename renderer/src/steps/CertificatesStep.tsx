import { useCertsStore } from '../stores/certs-store'
import { CaDone } from './certificates/CaDone'
import { CaSetup } from './certificates/CaSetup'
import { ServerCertificate } from './certificates/ServerCertificate'

/** The CA (create, import or open one; or the one in use) and the registry's server certificate. */
export function CertificatesStep(): React.JSX.Element {
  const ca = useCertsStore((s) => s.ca)
  return (
    <div className="step">
      {ca ? <CaDone ca={ca} /> : <CaSetup />}
      <ServerCertificate />
    </div>
  )
}
