import type { TrustPolicy } from '../trust/apply-trust'

/**
 * What the CLI brings to the trust policy: privileged when root (on Windows the user runs it from an elevated shell);
 * it has no elevation prompt of its own, so as a normal user the domain hands back the script to run as root.
 * (Its own module: `setup` needs it without loading the trust and bundle commands.)
 */
export function cliTrustPolicy(platform: NodeJS.Platform, euid: number | undefined): TrustPolicy {
  return { privileged: platform === 'win32' || euid === 0 }
}
