import { createHash } from 'node:crypto'
import { buildK8sFiles } from '../cluster/k8s/index'
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
 * The README's CA renewal section (both languages): during the overlap ca.crt carries the new CA and the previous one;
 * which machines still need this bundle. Empty for a bundle of one CA.
 */
function overlapValues(
  ca: TrustCa,
  previous: TrustCa | undefined,
): Record<'OVERLAP_ZH' | 'OVERLAP_EN', string> {
  if (previous === undefined) return { OVERLAP_ZH: '', OVERLAP_EN: '' }
  const day = (iso: string): string => iso.slice(0, 10)
  const v = { old: previous.subject, oldFp: previous.fingerprintSha256, until: day(previous.notAfter) }
  const n = { fp: ca.fingerprintSha256, until: day(ca.notAfter) }
  return {
    OVERLAP_ZH: `## CA 续期过渡期：本包包含两个 CA

\`ca.crt\` 同时包含**新 CA**（指纹 ${n.fp}，有效期至 ${n.until}）和**旧 CA** ${v.old}（指纹 ${v.oldFp}，有效期至 ${v.until}）。
\`ca.crt.sha256\` 每个证书一行指纹，两个都要核对。

**哪些机器还需要它：**每一台要访问上述仓库、但还没有安装本包的机器——也就是只信任旧 CA 的机器。镜像仓库目前仍使用旧 CA 签发的证书，
这些机器现在还能工作；一旦服务器证书换成新 CA 签发的（最迟在 ${v.until} 旧 CA 到期之前），没有安装本包的机器就会拒绝连接。
已经装过旧信任包的机器直接再运行 \`sudo sh install.sh\` 即可（旧的 ca.crt 会被替换并保留备份）。
macOS 和 Windows 的脚本（install-macos.sh、install.ps1）同样会逐个导入两个证书。之后用任一个包（旧包或本包）卸载，
都会删除安装脚本为这个 CA 写入的文件（包括两个 CA 的 ca.crt 和旧 ca.crt 的备份），不是它们写入的文件保持不动。
`,
    OVERLAP_EN: `## CA renewal overlap: this bundle carries two CAs

\`ca.crt\` holds the **new CA** (fingerprint ${n.fp}, valid until ${n.until}) and the **previous CA** ${v.old} (fingerprint
${v.oldFp}, valid until ${v.until}). \`ca.crt.sha256\` has one fingerprint line per certificate: check both.

**Which machines still need it:** every machine that uses the registries above and has not installed this bundle yet,
that is, every machine that trusts only the previous CA. The registry still serves a certificate from the previous CA,
so they work today; once the server certificate comes from the new CA (at the latest before the previous CA ends on
${v.until}) a machine without this bundle refuses the registry. A machine with the earlier bundle just runs
\`sudo sh install.sh\` again (its old ca.crt is replaced, a backup kept).
The macOS and Windows scripts (install-macos.sh, install.ps1) import both certificates as well. Uninstalling later
with either bundle (the earlier one or this one) removes what the scripts wrote for this CA (the two-CA ca.crt and the
backup of the old one included) and leaves files they did not write.
`,
  }
}

/** kubernetes/: the manifests (main/cluster/k8s) for every node of a cluster, and k3s/RKE2 registries.yaml; no login. */
function kubernetesFiles(
  ca: TrustCa,
  registries: RegistryAddress[],
  mirror: RegistryAddress | undefined,
  previousCa: TrustCa | undefined,
): BundleFile[] {
  return buildK8sFiles({ ca, previousCa, registries, mirror }).map((f) => ({
    ...f,
    path: `kubernetes/${f.path}`,
  }))
}

/**
 * Every file of the trust bundle, in memory: the CA, its fingerprint, the installers, the Ansible playbook and the
 * bilingual README, then SHA256SUMS over all of them. Throws if anything would hold a private key.
 */
export function buildBundleFiles(
  ca: TrustCa,
  registries: RegistryAddress[],
  mirror?: RegistryAddress,
  previousCa?: TrustCa,
): BundleFile[] {
  const folder = bundleFolderName(registries, mirror)
  const cas = previousCa === undefined ? [ca] : [ca, previousCa]
  const values = {
    ...overlapValues(ca, previousCa),
    FOLDER: folder,
    REGISTRIES: registries.map((r) => `- \`${r.hostPort}\``).join('\n'),
    FIRST_REGISTRY: registries[0]?.hostPort ?? 'HOST:PORT',
    MIRROR: mirror?.hostPort ?? 'HOST:PORT',
    FINGERPRINT: ca.fingerprintSha256,
    OS_FILE: osStoreFileName(ca),
  }
  const files: BundleFile[] = [
    { path: CA_CERT_FILE, content: cas.map((c) => c.pem).join(''), mode: 0o644 },
    {
      path: FINGERPRINT_FILE,
      content: cas.map((c) => `SHA256 Fingerprint=${c.fingerprintSha256}\n`).join(''),
      mode: 0o644,
    },
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
    ...kubernetesFiles(ca, registries, mirror, previousCa),
  ]
  for (const f of files) {
    if (PEM_PRIVATE_KEY.test(f.content))
      throw new Error(`internal error: bundle file ${f.path} would hold a private key`)
  }
  return [...files, { path: CHECKSUMS_FILE, content: checksumsFor(files), mode: 0o644 }]
}
