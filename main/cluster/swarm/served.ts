import { createHash, X509Certificate } from 'node:crypto'
import { connect } from 'node:tls'
import { ipVersion } from '../../net/address'

/** SHA-256 of a certificate's DER (the leaf of a PEM text), lowercase hex: what openssl x509 -fingerprint shows. */
export function certFingerprint(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('hex')
}

/**
 * The certificate a registry serves at host:port (the leaf and what came with it), without trusting it: only for
 * comparing fingerprints and checking it against our CA afterwards. `servername` for SNI (a DNS name only).
 */
export function servedCertificate(
  host: string,
  port: number,
  servername?: string,
  timeoutMs = 5000,
): Promise<{ pem: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const sni = servername !== undefined && ipVersion(servername) === 0 ? { servername } : {}
    const socket = connect({ host, port, rejectUnauthorized: false, timeout: timeoutMs, ...sni }, () => {
      const cert = socket.getPeerCertificate()
      socket.end()
      if (!Buffer.isBuffer(cert.raw)) {
        reject(new Error('no certificate'))
        return
      }
      const body = (cert.raw.toString('base64').match(/.{1,64}/g) ?? []).join('\n')
      const pem = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`
      resolve({ pem, fingerprint: createHash('sha256').update(cert.raw).digest('hex') })
    })
    socket.on('timeout', () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    socket.on('error', reject)
  })
}
