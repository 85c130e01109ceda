import { AppError } from '../../errors'
import { message } from '../../messages/index'
import { detectOsFamily, type OsInfo } from '../os-family'
import type { TargetContext, TrustTarget } from '../types'
import { linuxInstall, linuxStatus, linuxUninstall } from './os-linux'
import { macosInstall, macosStatus, macosUninstall } from './os-macos'
import { windowsInstall, windowsStatus, windowsUninstall } from './os-windows'

async function family(ctx: TargetContext): Promise<Exclude<OsInfo['family'], 'unknown'>> {
  const info = await detectOsFamily(ctx.env)
  if (info.family === 'unknown') {
    throw new AppError({
      code: 'TRUST_UNKNOWN_OS',
      params: { name: info.name || info.id, root: ctx.env.root },
    })
  }
  return info.family
}

/** The operating system's own trust store, by family (what curl, Go programs and dockerd's own TLS use). */
export const osStoreTarget: TrustTarget = {
  id: 'os',
  label: message('trust.target.os'),
  isPresent: () => Promise.resolve(true),
  async install(ctx) {
    const f = await family(ctx)
    if (f === 'macos') return macosInstall(ctx)
    if (f === 'windows') return windowsInstall(ctx)
    return linuxInstall(ctx, f)
  },
  async uninstall(ctx) {
    const f = await family(ctx)
    if (f === 'macos') return macosUninstall(ctx)
    if (f === 'windows') return windowsUninstall(ctx)
    return linuxUninstall(ctx, f)
  },
  async isInstalled(ctx) {
    const f = await family(ctx)
    if (f === 'macos') return macosStatus(ctx)
    if (f === 'windows') return windowsStatus(ctx)
    return linuxStatus(ctx, f)
  },
}
