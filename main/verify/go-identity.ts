import { ipVersion } from '../net/address'
import type { PeerCertificate } from 'node:tls'
import { certificateCoversHost, inspectCertificate } from '../pki'

/** A DER certificate as PEM. */
export function derToPem(der: Buffer): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`
}

function hostMatchesCn(cn: string, host: string): boolean {
  const h = host.toLowerCase()
  const c = cn.toLowerCase()
  if (c === h) return true
  return c.startsWith('*.') && h.includes('.') && h.slice(h.indexOf('.') + 1) === c.slice(2)
}

/**
 * Host verification by Go's crypto/x509 rules (what dockerd does): only SANs count, never the CN. Returns the error
 * text Go would print (HostnameError), or undefined when a SAN covers the host.
 */
export function goHostnameError(pem: string, host: string): string | undefined {
  if (certificateCoversHost(pem, host)) return undefined
  const info = inspectCertificate(pem)
  if (info.sans.length === 0 && info.commonName !== undefined && hostMatchesCn(info.commonName, host)) {
    return 'x509: certificate relies on legacy Common Name field, use SANs instead'
  }
  const ips = info.sans.filter((s) => s.type === 'ip').map((s) => s.value)
  const names = info.sans.filter((s) => s.type === 'dns').map((s) => s.value)
  if (ipVersion(host) !== 0) {
    if (ips.length === 0)
      return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`
    return `x509: certificate is valid for ${ips.join(', ')}, not ${host}`
  }
  if (names.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`
  return `x509: certificate is valid for ${names.join(', ')}, not ${host}`
}

/** A tls `checkServerIdentity` applying Go's rules, so Node refuses exactly what Docker refuses. */
export function goCheckServerIdentity(
  host: string,
): (servername: string, cert: PeerCertificate) => Error | undefined {
  return (_servername, cert) => {
    const text = goHostnameError(derToPem(cert.raw), host)
    return text === undefined
      ? undefined
      : Object.assign(new Error(text), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' })
  }
}
