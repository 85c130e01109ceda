import { X509Certificate } from 'node:crypto'

/** The end marker a heredoc (`cat <<'REGISTRY_WIZARD_EOF'`) would use, and the command a crafted block smuggles in. */
export const CRAFTED_MARKER = 'REGISTRY_WIZARD_EOF'
export const CRAFTED_COMMAND = 'touch /tmp/pwned'

export interface CraftedPem {
  /** The crafted text: the same certificate (same DER, same fingerprint) with extra lines inside its PEM block. */
  pem: string
  /** The lines injected inside the block. */
  injected: string[]
  /** The certificate's canonical PEM (64-character base64 lines): what a normalising writer must produce. */
  canonical: string
  fingerprintSha256: string
}

function canonicalPem(der: Buffer): string {
  const b64 = der.toString('base64')
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}

/**
 * A real certificate's PEM with lines injected inside its BEGIN/END block, just before the END line: a lone `-` line,
 * then `lines` (default: a heredoc end marker and a shell command). OpenSSL (and so Node's X509Certificate) stops
 * decoding at the `-` line and still returns the same certificate, so a writer that copies PEM text verbatim carries
 * the lines along. Throws if the crafted text no longer parses to the same certificate (the fixture would prove nothing).
 * Every certificate in a multi-certificate text is crafted the same way.
 */
export function craftPem(pem: string, lines: string[] = [CRAFTED_MARKER, CRAFTED_COMMAND]): CraftedPem {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map(
    (m) => m[0],
  )
  if (blocks.length === 0) throw new Error('craftPem: no PEM certificate in the input')
  const injected = ['-', ...lines]
  let crafted = ''
  let canonical = ''
  let fingerprint = ''
  for (const block of blocks) {
    const x = new X509Certificate(block)
    const body = canonicalPem(Buffer.from(x.raw)).trimEnd().split('\n')
    const end = body.pop() as string
    const text = `${[...body, ...injected, end].join('\n')}\n`
    const reparsed = new X509Certificate(text)
    if (reparsed.fingerprint256 !== x.fingerprint256)
      throw new Error('craftPem: the crafted block parses to another certificate')
    crafted += text
    canonical += canonicalPem(Buffer.from(x.raw))
    fingerprint ||= x.fingerprint256
  }
  return { pem: crafted, injected, canonical, fingerprintSha256: fingerprint }
}

/** The crafted text only (same as `craftPem(pem, lines).pem`), for suites that need just the file contents. */
export function craftedPem(pem: string, lines: string[] = [CRAFTED_MARKER, CRAFTED_COMMAND]): string {
  return craftPem(pem, lines).pem
}

/** Is a text nothing but canonical PEM certificate blocks (BEGIN line, 64-character base64 lines, END line, LF)? */
export function isCanonicalPemText(text: string): boolean {
  return /^(-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n)+$/.test(
    text,
  )
}
