import { hostPort } from '../net/address'

/** A registry login (htpasswd user) as the verification's round trip and API checks need it. */
export interface RegistryLogin {
  user: string
  password: string
}

/** One key per registry address, however the host is written (`fd00::1` and `[fd00::1]` are the same). */
const keyOf = (host: string, port: number): string => hostPort(host.toLowerCase(), port)

/**
 * The htpasswd users given to the last registry start, kept in the main process's memory only (never written to
 * disk, never sent back to the renderer), so the Verify step can log in without asking again in the same session.
 * Keyed by every planned address and the port; removing the registry forgets them.
 */
export class RegistryLogins {
  private readonly logins = new Map<string, RegistryLogin>()

  remember(addresses: string[], port: number, users: RegistryLogin[] | undefined): void {
    this.forget(addresses, port)
    const first = users?.[0]
    if (!first) return
    for (const a of addresses) this.logins.set(keyOf(a, port), { user: first.user, password: first.password })
  }

  forget(addresses: string[], port: number): void {
    for (const a of addresses) this.logins.delete(keyOf(a, port))
  }

  get(host: string, port: number): RegistryLogin | undefined {
    return this.logins.get(keyOf(host, port))
  }
}
