import { pathExists } from '../../fs/atomic-write'
import { message } from '../../messages/index'
import { underRoot } from '../paths'
import type { TrustEnv, TrustTarget } from '../types'
import { certsDirOps, type CertsDirLocation } from './certs-dir'

/** Podman, Buildah, Skopeo and CRI-O all read `/etc/containers/certs.d/HOST:PORT/ca.crt`. */
export function podmanLocations(): CertsDirLocation[] {
  return [{ segments: ['etc', 'containers', 'certs.d'], folderName: (r) => r.hostPort }]
}

const LABEL = message('trust.target.podman')

export const podmanTarget: TrustTarget = {
  id: 'podman',
  label: LABEL,
  async isPresent(env: TrustEnv) {
    if (env.platform !== 'linux') return false
    for (const p of [
      ['etc', 'containers'],
      ['usr', 'bin', 'podman'],
      ['usr', 'bin', 'crio'],
    ]) {
      if (await pathExists(underRoot(env, ...p))) return true
    }
    return false
  },
  ...certsDirOps('podman', LABEL, podmanLocations),
}
