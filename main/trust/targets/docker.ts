import { message } from '../../messages/index'
import type { TrustEnv, TrustTarget } from '../types'
import { certsDirOps, type CertsDirLocation } from './certs-dir'

/**
 * Docker: `/etc/docker/certs.d/HOST:PORT/ca.crt` (Linux dockerd); Docker Desktop on macOS reads
 * `~/.docker/certs.d/HOST:PORT/ca.crt`; dockerd on Windows reads `C:\ProgramData\docker\certs.d\HOSTPORT\ca.crt`
 * (Windows folder names cannot hold ':', so Docker drops it).
 */
export function dockerLocations(env: TrustEnv): CertsDirLocation[] {
  switch (env.platform) {
    case 'linux':
      return [{ segments: ['etc', 'docker', 'certs.d'], folderName: (r) => r.hostPort }]
    case 'darwin':
      return [{ segments: [env.home, '.docker', 'certs.d'], folderName: (r) => r.hostPort }]
    case 'win32':
      return [{ segments: ['ProgramData', 'docker', 'certs.d'], folderName: (r) => r.windowsDirName }]
  }
}

const LABEL = message('trust.target.docker')

export const dockerTarget: TrustTarget = {
  id: 'docker',
  label: LABEL,
  // Always offered: it is what the registry is for, and the folder works once Docker is installed later.
  isPresent: () => Promise.resolve(true),
  ...certsDirOps('docker', LABEL, dockerLocations),
}
