import bcrypt from 'bcryptjs'
import { invalidInput } from '../errors'

export interface Credential {
  user: string
  password: string
}

/**
 * An htpasswd file for the registry's `htpasswd` auth. The registry accepts bcrypt only, and the registry:2 image
 * no longer ships the `htpasswd` tool, so we hash here.
 */
export async function makeHtpasswd(credentials: Credential[], rounds = 10): Promise<string> {
  if (credentials.length === 0)
    throw invalidInput('user', '', 'at least one user is needed for htpasswd auth')
  const seen = new Set<string>()
  const lines: string[] = []
  for (const { user, password } of credentials) {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(user)) {
      throw invalidInput('user', user, 'allowed: 1-64 letters, digits and . _ @ - (no colon, no spaces)')
    }
    if (seen.has(user)) throw invalidInput('user', user, 'each user name may appear once')
    if (password.length === 0) throw invalidInput('password', '(empty)', 'the password must not be empty')
    if (Buffer.byteLength(password) > 72)
      throw invalidInput('password', '(hidden)', 'bcrypt uses at most 72 bytes; choose a shorter password')
    seen.add(user)
    lines.push(`${user}:${await bcrypt.hash(password, rounds)}`)
  }
  return `${lines.join('\n')}\n`
}
