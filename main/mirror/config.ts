import { CONFIG_DIR, CONFIG_FILE, CONTAINER_PORT, DATA_DIR, type FileEntry } from '../docker'

/** The upstream's CA file beside config.yml in the configuration volume (SSL_CERT_FILE points at it). */
export const UPSTREAM_CA_FILE = 'upstream-ca.crt'

export interface ProxySettings {
  upstream: string
  upstreamCaPem?: string | undefined
  upstreamUser?: string | undefined
  upstreamPassword?: string | undefined
  ttl?: string | undefined
}

/** A YAML scalar: JSON's double-quoted string is valid YAML and escapes everything that needs it. */
const q = (s: string): string => JSON.stringify(s)

/**
 * The mirror's config.yml: the registry's defaults (filesystem storage, port 5000, nosniff) and the `proxy` block.
 * TLS comes from REGISTRY_HTTP_TLS_* (docker/container-spec). The upstream password is written here only, never
 * into the environment or a label.
 */
export function mirrorConfigYaml(p: ProxySettings): string {
  const proxy = [`  remoteurl: ${q(p.upstream)}`]
  if (p.upstreamUser !== undefined) proxy.push(`  username: ${q(p.upstreamUser)}`)
  if (p.upstreamPassword !== undefined) proxy.push(`  password: ${q(p.upstreamPassword)}`)
  if (p.ttl !== undefined) proxy.push(`  ttl: ${q(p.ttl)}`)
  return [
    'version: 0.1',
    'log:',
    '  fields:',
    '    service: registry',
    'storage:',
    '  cache:',
    '    blobdescriptor: inmemory',
    '  filesystem:',
    `    rootdirectory: ${DATA_DIR}`,
    'http:',
    `  addr: ":${CONTAINER_PORT}"`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
    'proxy:',
    ...proxy,
    '',
  ].join('\n')
}

/** The files of the configuration volume: config.yml (0600: it may hold the upstream password) and the CA. */
export function mirrorConfigFiles(p: ProxySettings): FileEntry[] {
  const files: FileEntry[] = [{ name: CONFIG_FILE, content: mirrorConfigYaml(p), mode: 0o600 }]
  if (p.upstreamCaPem !== undefined)
    files.push({ name: UPSTREAM_CA_FILE, content: p.upstreamCaPem, mode: 0o644 })
  return files
}

/** Go programs read their roots from SSL_CERT_FILE: the registry then trusts the upstream's CA (and only it). */
export function mirrorEnv(p: ProxySettings): string[] {
  return p.upstreamCaPem === undefined ? [] : [`SSL_CERT_FILE=${CONFIG_DIR}/${UPSTREAM_CA_FILE}`]
}
