import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseTrustCa } from '../../main/trust/ca-certificate'
import { osStoreFileName } from '../../main/trust/ca-certificate'
import type { LinuxFamily } from '../../main/trust/os-family'
import { parseRegistryAddresses } from '../../main/trust/registry-address'
import { hostsToml } from '../../main/trust/targets/containerd'
import { LINUX_STORES } from '../../main/trust/targets/os-linux'
import { planTrust } from '../../main/trust/trust-service'
import type { Platform, RegistryAddress, TrustCa, TrustEnv } from '../../main/trust/types'
import { makeTestCa } from './fixtures'

// The trust-store paths live in four places: the TypeScript targets (main/trust/targets, paths.ts) and the bundle's
// install.sh, install-macos.sh and install.ps1 (the Ansible playbook runs install.sh). This test reads the paths out
// of each script and out of the plans the TypeScript targets make, and needs them to be the same: a path changed in
// one place only fails here.
const templates = join(__dirname, '../../main/bundle/templates')
const read = (name: string): Promise<string> => fs.readFile(join(templates, name), 'utf8')
const registry = parseRegistryAddresses(['192.168.20.10:5000'])[0] as RegistryAddress
const REG = '{REG}'
const HOME = '/Users/admin'
let ca: TrustCa
let work: string

beforeAll(async () => {
  ca = parseTrustCa((await makeTestCa()).certPem)
  work = await fs.mkdtemp(join(tmpdir(), 'rw-trust-paths-'))
})
afterAll(() => fs.rm(work, { recursive: true, force: true }))

/** What the TypeScript targets write and run on a fresh system, as that system sees it (registry as {REG}). */
async function tsPlan(platform: Platform, osId?: string): Promise<{ writes: string[]; runs: string[][] }> {
  const root = await fs.mkdtemp(join(work, `${platform}-`))
  if (osId !== undefined) {
    await fs.mkdir(join(root, 'etc'))
    await fs.writeFile(join(root, 'etc/os-release'), `ID=${osId}\n`)
  }
  const notThere = (): Promise<{ code: number; stdout: string; stderr: string }> =>
    Promise.resolve({ code: 0, stdout: 'no', stderr: '' })
  const env: TrustEnv = { root, platform, home: HOME, query: notThere }
  const targets =
    platform === 'linux' ? (['docker', 'podman', 'containerd', 'os'] as const) : (['docker', 'os'] as const)
  const plans = await planTrust('install', { env, ca, registries: [registry], targets: [...targets] })
  const steps = plans.flatMap((p) => p.steps)
  const onSystem = (path: string): string => {
    const rel = relative(root, path).split(sep)
    const shown = platform === 'win32' ? `C:\\${rel.join('\\')}` : `/${rel.join('/')}`
    return shown.replace(registry.hostPort, REG).replace(registry.windowsDirName, REG)
  }
  return {
    writes: steps
      .flatMap((s) => (s.kind === 'write' && s.path.startsWith(root) ? [onSystem(s.path)] : []))
      .sort(),
    runs: steps.flatMap((s) => (s.kind === 'run' ? [s.argv] : [])),
  }
}

/** install.sh for one family: the files it places (as `$(P "PATH")`, $reg as {REG}) and its update command. */
function installShPlan(sh: string, family: LinuxFamily): { writes: string[]; update: string } {
  const anchors = new RegExp(`^\\s*${family}\\) ANCHORS=(\\S+) ;;$`, 'm').exec(sh)?.[1]
  const osFile = osStoreFileName(ca)
  // The Docker Hub mirror's files ($MIRROR) are compared file for file in tests/trust/mirror-install-sh.test.ts.
  const placed = [...sh.matchAll(/place_file "[^"]*" "\$\(P "([^"]+)"\)"/g)].filter(
    (m) => !m[1]?.includes('$MIRROR'),
  )
  const writes = placed.map((m) =>
    (m[1] ?? '')
      .replace('$reg', REG)
      .replace('$ANCHORS', anchors ?? '(no anchors for this family)')
      .replace('$OS_FILE', osFile),
  )
  const commands = /update_command\(\) \{\n\s*case "\$FAMILY" in\n([\s\S]*?)\n\s*esac/.exec(sh)?.[1] ?? ''
  const own = new RegExp(`^\\s*${family}\\) echo "([^"]+)" ;;$`, 'm').exec(commands)?.[1]
  const fallback = /^\s*\*\) echo "([^"]+)" ;;$/m.exec(commands)?.[1]
  return { writes: writes.sort(), update: own ?? fallback ?? '(none)' }
}

describe('trust-store paths: TypeScript targets = install.sh = install-macos.sh = install.ps1 = Ansible', () => {
  it.each(Object.keys(LINUX_STORES) as LinuxFamily[])(
    'Linux (%s): every file and the store update command are the same in install.sh and the targets',
    async (family) => {
      const sh = await read('install.sh')
      const ts = await tsPlan(
        'linux',
        { debian: 'debian', rhel: 'rocky', suse: 'sles', arch: 'arch' }[family],
      )
      const script = installShPlan(sh, family)
      expect(script.writes).toEqual(ts.writes)
      expect(ts.writes).toContain(`/etc/docker/certs.d/${REG}/ca.crt`)
      expect(ts.runs).toEqual([LINUX_STORES[family].update])
      expect(script.update).toBe(LINUX_STORES[family].update.join(' '))
    },
  )

  it("containerd's hosts.toml points at the same ca.crt from install.sh and the targets", async () => {
    const sh = await read('install.sh')
    const fromSh = /\\n\s*ca = "([^"]+)"\\n'/.exec(sh)?.[1]?.replace('%s', registry.hostPort)
    const fromTs = /\n\s*ca = "([^"]+)"\n/.exec(
      hostsToml({ root: '/', platform: 'linux', home: '/' }, registry),
    )?.[1]
    expect(fromSh).toBe('/etc/containerd/certs.d/192.168.20.10:5000/ca.crt')
    expect(fromTs).toBe(fromSh)
  })

  it('macOS: the System keychain and ~/.docker/certs.d are the same in install-macos.sh and the targets', async () => {
    const sh = await read('install-macos.sh')
    const ts = await tsPlan('darwin')
    const keychain = /^KEYCHAIN=(\S+)$/m.exec(sh)?.[1]
    const certsD = /dest="\$USER_HOME(\/[^"]+)"/.exec(sh)?.[1]?.replace('$reg', REG)
    expect(ts.writes.filter((p) => !p.includes('/tmp/'))).toEqual([`${HOME}${certsD}`])
    expect(ts.runs.flat()).toContain(keychain)
    expect(keychain).toBe('/Library/Keychains/System.keychain')
  })

  it('Windows: ProgramData certs.d (no colon) and LocalMachine\\Root are the same in install.ps1 and the targets', async () => {
    const ps1 = await read('install.ps1')
    const ts = await tsPlan('win32')
    const base = /Join-Path '([^']+)' \(\$r -replace ':', ''\)/.exec(ps1)?.[1]
    const file = /\$dest = Join-Path \$dir '([^']+)'/.exec(ps1)?.[1]
    const store = /-CertStoreLocation (\S+)/.exec(ps1)?.[1]
    expect(ts.writes).toEqual([`${base}\\${REG}\\${file}`])
    expect(ts.runs.flat().join(' ')).toContain(`-CertStoreLocation ${store}`)
    expect(store).toBe('Cert:\\LocalMachine\\Root')
  })

  it('the Ansible playbook holds no store path of its own: it copies and runs the bundle’s install.sh', async () => {
    const playbook = await read('ansible-playbook.yml')
    expect(playbook).toMatch(/argv: >-\n\s*\{\{ \['sh', trust_tmp\.path \+ '\/install\.sh'\]/)
    for (const name of ['ca.crt', 'ca.crt.sha256', 'registries.txt', 'SHA256SUMS', 'install.sh'])
      expect(playbook).toContain(`{ name: ${name},`)
    // Any store path written into the playbook would be a fifth copy to keep in step: there must be none.
    expect(playbook).not.toMatch(/certs\.d|ca-certificates|anchors|update-ca|Keychains|LocalMachine/)
  })
})
