import { createHash } from 'node:crypto'
import { CA_CERT_FILE } from '../pki/file-names'
import { osStoreFileName, PEM_PRIVATE_KEY } from '../trust/ca-certificate'
import type { RegistryAddress, TrustCa } from '../trust/types'
import ansiblePlaybook from './templates/ansible-playbook.yml?raw'
import ansibleInventory from './templates/inventory.example.ini?raw'
import installMacos from './templates/install-macos.sh?raw'
import installPs1 from './templates/install.ps1?raw'
import installSh from './templates/install.sh?raw'
import readme from './templates/README.md?raw'

/** One file of the trust bundle, path relative to the bundle folder (always '/'-separated). */
export interface BundleFile {
  path: string
  content: string
  mode: number
}

export const CHECKSUMS_FILE = 'SHA256SUMS'
export const FINGERPRINT_FILE = 'ca.crt.sha256'

/** `registry-trust-HOST_PORT`, named for the first registry address (or the mirror, when it is the only one). */
export function bundleFolderName(registries: RegistryAddress[], mirror?: RegistryAddress): string {
  return `registry-trust-${registries[0]?.fileSafe ?? mirror?.fileSafe ?? 'registry'}`
}

export const MIRROR_FILE = 'mirror.txt'

/** mirror.txt: the Docker Hub mirror install.sh sets up when no --mirror is given (checked against SHA256SUMS). */
function mirrorFile(mirror: RegistryAddress): BundleFile {
  const content = `# The Docker Hub pull-through mirror (HOST:PORT) install.sh sets up by default; install.sh --no-mirror skips it.\n${mirror.hostPort}\n`
  return { path: MIRROR_FILE, content, mode: 0o644 }
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The `sha256sum -c` compatible list over the given files. */
export function checksumsFor(files: readonly BundleFile[]): string {
  return files.map((f) => `${sha256Hex(f.content)}  ${f.path}\n`).join('')
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => values[key] ?? whole)
}

/**
 * Every file of the trust bundle, in memory: the CA, its fingerprint, the installers, the Ansible playbook and the
 * bilingual README, then SHA256SUMS over all of them. Throws if anything would hold a private key.
 */
export function buildBundleFiles(
  ca: TrustCa,
  registries: RegistryAddress[],
  mirror?: RegistryAddress,
): BundleFile[] {
  const folder = bundleFolderName(registries, mirror)
  const values = {
    FOLDER: folder,
    REGISTRIES: registries.map((r) => `- \`${r.hostPort}\``).join('\n'),
    FIRST_REGISTRY: registries[0]?.hostPort ?? 'HOST:PORT',
    MIRROR: mirror?.hostPort ?? 'HOST:PORT',
    FINGERPRINT: ca.fingerprintSha256,
    OS_FILE: osStoreFileName(ca),
  }
  const files: BundleFile[] = [
    { path: CA_CERT_FILE, content: ca.pem, mode: 0o644 },
    { path: FINGERPRINT_FILE, content: `SHA256 Fingerprint=${ca.fingerprintSha256}\n`, mode: 0o644 },
    {
      path: 'registries.txt',
      content: `# Registry addresses (HOST:PORT as in image references) install.sh trusts by default.\n${registries.map((r) => r.hostPort).join('\n')}\n`,
      mode: 0o644,
    },
    { path: 'install.sh', content: installSh, mode: 0o755 },
    { path: 'install-macos.sh', content: installMacos, mode: 0o755 },
    { path: 'install.ps1', content: installPs1, mode: 0o644 },
    { path: 'ansible/registry-trust.yml', content: ansiblePlaybook, mode: 0o644 },
    { path: 'ansible/inventory.example.ini', content: ansibleInventory, mode: 0o644 },
    { path: 'README.md', content: fill(readme, values), mode: 0o644 },
    ...(mirror ? [mirrorFile(mirror)] : []),
  ]
  for (const f of files) {
    if (PEM_PRIVATE_KEY.test(f.content))
      throw new Error(`internal error: bundle file ${f.path} would hold a private key`)
  }
  return [...files, { path: CHECKSUMS_FILE, content: checksumsFor(files), mode: 0o644 }]
}
