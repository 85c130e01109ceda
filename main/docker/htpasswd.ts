import { invalidInput } from '../errors'
import { message } from '../messages/index'

export interface Credential {
  user: string
  password: string
}

/**
 * An htpasswd file for the registry's `htpasswd` auth. The registry accepts bcrypt only, and the registry:2 image
 * no longer ships the `htpasswd` tool, so we hash here.
 */
export async function makeHtpasswd(credentials: Credential[], rounds = 10): Promise<string> {
  if (credentials.length === 0) throw invalidInput('user', '', message('docker.allowed.oneUser'))
  // Loaded here, not with the engine code that imports this file: only a registry with logins needs it.
  const { default: bcrypt } = await import('bcryptjs')
  const seen = new Set<string>()
  const lines: string[] = []
  for (const { user, password } of credentials) {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(user))
      throw invalidInput('user', user, message('docker.allowed.userName'))
    if (seen.has(user)) throw invalidInput('user', user, message('docker.allowed.userOnce'))
    if (password.length === 0) throw invalidInput('password', '', message('docker.allowed.passwordEmpty'))
    if (Buffer.byteLength(password) > 72)
      throw invalidInput('password', '***', message('docker.allowed.passwordLong'))
    seen.add(user)
    lines.push(`${user}:${await bcrypt.hash(password, rounds)}`)
  }
  return `${lines.join('\n')}\n`
}
