import { X509Certificate } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { bracketHost } from '../../net/address'
import { CA_CERT_FILE } from '../../pki/file-names'
import { detectOsFamily, defaultRoot, type Platform, type TrustEnv } from '../../trust'
import { dockerLocations } from '../../trust/targets/docker'
import { LINUX_STORES } from '../../trust/targets/os-linux'
import type { VerifyContext } from '../context'
import { dockerSkipsTls } from '../loopback'
import type { Message } from '../../messages/index'
import { msg } from '../message'
import { fail, pass, skipped, warn, type Outcome } from '../outcome'

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g
/** The system bundles each Linux family builds from its anchors. */
const BUNDLES = [
  'etc/ssl/certs/ca-certificates.crt',
  'etc/pki/tls/certs/ca-bundle.crt',
  'etc/ssl/ca-bundle.pem',
  'etc/ssl/cert.pem',
]

function fingerprints(text: string): string[] {
  const out: string[] = []
  for (const block of text.match(BLOCK) ?? []) {
    try {
      out.push(new X509Certificate(block).fingerprint256)
    } catch {
      // not a certificate we can read: ignore
    }
  }
  return out
}

async function readDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir)
  } catch {
    return []
  }
}

async function read(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch {
    return ''
  }
}

/** Does any *.crt in a folder hold the CA? Returns the file names that do, and the other CAs found. */
async function crtFiles(dir: string, fp: string): Promise<{ holding: string[]; others: string[] }> {
  const holding: string[] = []
  const others: string[] = []
  for (const name of (await readDir(dir)).filter((n) => n.endsWith('.crt'))) {
    const fps = fingerprints(await read(join(dir, name)))
    if (fps.includes(fp)) holding.push(name)
    else if (fps.length > 0) others.push(name)
  }
  return { holding, others }
}

/** The folder names under certs.d that name the same host with another port or none. */
function nearMisses(entries: string[], host: string, exact: string): string[] {
  const bare = bracketHost(host)
  return entries.filter(
    (e) =>
      e !== exact &&
      (e === bare || e.startsWith(`${bare}:`) || (e.startsWith(bare) && /^\d+$/.test(e.slice(bare.length)))),
  )
}

async function osStore(env: TrustEnv, fp: string): Promise<{ present: boolean | 'unknown'; where: string }> {
  if (env.platform !== 'linux') return { present: 'unknown', where: env.platform }
  const os = await detectOsFamily(env)
  if (os.family !== 'unknown' && os.family !== 'macos' && os.family !== 'windows') {
    const anchors = join(env.root, ...LINUX_STORES[os.family].anchors)
    const { holding } = await crtFiles(anchors, fp)
    if (holding.length > 0) return { present: true, where: join(anchors, holding[0] ?? '') }
  }
  for (const bundle of BUNDLES) {
    const path = join(env.root, bundle)
    if (fingerprints(await read(path)).includes(fp)) return { present: true, where: path }
  }
  return { present: false, where: os.name }
}

/**
 * Check 10: this machine trusts the CA: Docker's certs.d folder for exactly HOST:PORT holds it (a folder for another
 * port or without the port is a warning that names the mismatch), and the OS store has it. A loopback registry
 * (127.0.0.0/8, or a name resolving there) passes without it: dockerd treats it as insecure and checks no certificate,
 * so this machine's Docker needs no trust (the reason says so, with what the OS store holds).
 */
export async function checkMachineTrust(ctx: VerifyContext): Promise<Outcome> {
  const ca = ctx.ca
  if (ca === undefined) return skipped(msg('check.ca-unreadable'))
  const raw = ctx.deps.platform ?? process.platform
  if (raw !== 'linux' && raw !== 'darwin' && raw !== 'win32')
    return skipped(msg('trust.platform-unknown', { platform: raw }))
  const platform: Platform = raw
  const env: TrustEnv = {
    root: ctx.deps.trustRoot ?? defaultRoot(platform),
    platform,
    home: ctx.deps.home ?? process.env.HOME ?? '/root',
  }
  const location = dockerLocations(env)[0]
  if (location === undefined) return skipped(msg('trust.no-certs-d'))
  const certsD = join(env.root, ...location.segments)
  const folder = location.folderName(ctx.address)
  const exactDir = join(certsD, folder)
  const { holding, others } = await crtFiles(exactDir, ca.fingerprint256)
  const misses = nearMisses(await readDir(certsD), ctx.host, folder)
  const missesHolding: string[] = []
  for (const m of misses)
    if ((await crtFiles(join(certsD, m), ca.fingerprint256)).holding.length > 0) missesHolding.push(m)
  const os = await osStore(env, ca.fingerprint256)
  const details = { certsD: exactDir, files: holding, otherFolders: misses, osStore: os }
  const osText: Message =
    os.present === true
      ? msg('trust.os.present', { where: os.where })
      : os.present === false
        ? msg('trust.os.missing', { where: os.where })
        : msg('trust.os.unread', { platform: env.platform })
  if (holding.length > 0) {
    if (os.present === false && !dockerSkipsTls(ctx))
      return warn(
        msg('trust.ok-no-os', { path: join(exactDir, holding[0] ?? ''), os: osText }),
        'OS_STORE_MISSING',
        details,
      )
    return pass(msg('trust.ok', { path: join(exactDir, holding[0] ?? ''), os: osText }), details)
  }
  if (dockerSkipsTls(ctx))
    return pass(msg('trust.loopback', { registry: ctx.address.hostPort, os: osText }), {
      ...details,
      loopback: true,
    })
  if (others.length > 0)
    return fail(msg('trust.other-ca', { dir: exactDir, files: others }), 'TRUST_OTHER_CA', details)
  if (misses.length > 0) {
    const which = misses.map((m) =>
      missesHolding.includes(m) ? msg('trust.folder-with-ca', { name: m }) : m,
    )
    return warn(msg('trust.wrong-folder', { folder, certsD, which }), 'CERTS_D_WRONG_NAME', details)
  }
  return fail(
    msg('trust.missing', { path: join(exactDir, CA_CERT_FILE), registry: ctx.address.hostPort, os: osText }),
    'TRUST_MISSING',
    details,
  )
}
