import { join } from 'node:path'
import { pathExists } from '../../fs/atomic-write'
import { message, type Message } from '../../messages/index'
import { CA_CERT_FILE } from '../../pki/file-names'
import { planPlaceFile, planRemoveOwnedFile, readIfExists, removeDirIfEmpty } from '../file-plan'
import { systemPath, underRoot } from '../paths'
import type {
  RegistryAddress,
  TargetContext,
  TargetPlan,
  TargetStatus,
  TrustEnv,
  TrustTarget,
} from '../types'

const CERTS_D = ['etc', 'containerd', 'certs.d']
export const HOSTS_TOML_MARKER = '# Written by Registry Wizard'

/** hosts.toml for one registry; install.sh writes the very same text, so either tool sees the other's work. */
export function hostsToml(env: TrustEnv, r: RegistryAddress): string {
  const ca = systemPath(env, ...CERTS_D, r.hostPort, CA_CERT_FILE)
  return [
    `${HOSTS_TOML_MARKER}: trust the registry's CA (ca.crt beside this file).`,
    `server = "https://${r.hostPort}"`,
    '',
    `[host."https://${r.hostPort}"]`,
    '  capabilities = ["pull", "resolve", "push"]',
    `  ca = "${ca}"`,
    '',
  ].join('\n')
}

function files(env: TrustEnv, r: RegistryAddress): { ca: string; hosts: string } {
  const dir = join(underRoot(env, ...CERTS_D), r.hostPort)
  return { ca: join(dir, CA_CERT_FILE), hosts: join(dir, 'hosts.toml') }
}

const isOurs = (text: string): boolean => text.startsWith(HOSTS_TOML_MARKER)

/** containerd reads certs.d only when `config_path` points there: warn when config.toml does not say so. */
export async function configPathWarning(env: TrustEnv): Promise<Message | undefined> {
  const configFile = underRoot(env, 'etc', 'containerd', 'config.toml')
  const config = await readIfExists(configFile)
  const fix = message('trust.warning.containerdFix')
  if (config === undefined) return message('trust.warning.containerdNoConfig', { configFile, fix })
  if (!/^\s*config_path\s*=\s*["'][^"']*\/etc\/containerd\/certs\.d/m.test(config))
    return message('trust.warning.containerdNoConfigPath', { configFile, fix })
  return undefined
}

const LABEL = message('trust.target.containerd')

export const containerdTarget: TrustTarget = {
  id: 'containerd',
  label: LABEL,
  async isPresent(env) {
    if (env.platform !== 'linux') return false
    for (const p of [
      ['etc', 'containerd'],
      ['usr', 'bin', 'containerd'],
      ['usr', 'local', 'bin', 'containerd'],
    ]) {
      if (await pathExists(underRoot(env, ...p))) return true
    }
    return false
  },
  async install(ctx: TargetContext): Promise<TargetPlan> {
    const plan: TargetPlan = { target: 'containerd', label: LABEL, steps: [], warnings: [], notes: [] }
    for (const r of ctx.registries) {
      const f = files(ctx.env, r)
      plan.steps.push(...(await planPlaceFile({ path: f.ca, content: ctx.ca.pem, force: ctx.force })))
      plan.steps.push(
        ...(await planPlaceFile({
          path: f.hosts,
          content: hostsToml(ctx.env, r),
          force: ctx.force,
          ours: isOurs,
        })),
      )
    }
    const warning = await configPathWarning(ctx.env)
    if (warning) plan.warnings.push(warning)
    return plan
  },
  async uninstall(ctx: TargetContext): Promise<TargetPlan> {
    const plan: TargetPlan = { target: 'containerd', label: LABEL, steps: [], warnings: [], notes: [] }
    for (const r of ctx.registries) {
      const f = files(ctx.env, r)
      const hosts = await planRemoveOwnedFile({ path: f.hosts, content: hostsToml(ctx.env, r), ours: isOurs })
      const ca = await planRemoveOwnedFile({ path: f.ca, content: ctx.ca.pem })
      plan.steps.push(...hosts.steps, ...ca.steps)
      if (hosts.steps.length + ca.steps.length > 0) plan.steps.push(removeDirIfEmpty(f.ca))
      for (const w of [hosts.warning, ca.warning]) if (w) plan.warnings.push(w)
    }
    return plan
  },
  async isInstalled(ctx: TargetContext): Promise<TargetStatus> {
    const items = []
    for (const r of ctx.registries) {
      const f = files(ctx.env, r)
      items.push({ what: f.ca, installed: (await readIfExists(f.ca)) === ctx.ca.pem })
      items.push({ what: f.hosts, installed: (await readIfExists(f.hosts)) === hostsToml(ctx.env, r) })
    }
    const warning = await configPathWarning(ctx.env)
    return {
      target: 'containerd',
      label: LABEL,
      installed: items.every((i) => i.installed),
      items,
      warnings: warning ? [warning] : [],
    }
  },
}
