import { pathExists } from '../../fs/atomic-write'
import { underRoot } from '../paths'
import type { TrustEnv, TrustTarget } from '../types'
import { certsDirOps, type CertsDirLocation } from './certs-dir'

/** Podman, Buildah, Skopeo and CRI-O all read `/etc/containers/certs.d/HOST:PORT/ca.crt`. */
export function podmanLocations(): CertsDirLocation[] {
  return [{ segments: ['etc', 'containers', 'certs.d'], folderName: (r) => r.hostPort }]
}

export const podmanTarget: TrustTarget = {
  id: 'podman',
  label: 'Podman / CRI-O',
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
  ...certsDirOps('podman', 'Podman / CRI-O', podmanLocations),
}
