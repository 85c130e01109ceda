import { AppError } from '../../errors'
import { CHANNEL_CAPABILITY, CHANNELS, NOT_AVAILABLE, type Capability, type Channel } from '../contract'
import type { Handler } from '../handler-types'

/**
 * Handlers for channels whose core is not built yet: they answer NOT_AVAILABLE honestly (the renderer also hides
 * their actions, from `capabilities`). When a core lands, its handler group replaces these for its channels.
 */
export function unavailableHandlers(missing: readonly Capability[]): { [C in Channel]?: Handler<C> } {
  const out: Record<string, Handler<Channel>> = {}
  for (const channel of CHANNELS) {
    const capability = CHANNEL_CAPABILITY[channel]
    if (capability === undefined || !missing.includes(capability)) continue
    out[channel] = () =>
      Promise.reject(
        new AppError({
          code: NOT_AVAILABLE,
          message: `${channel} is not available yet: the ${capability} part of Registry Wizard is still being built.`,
          hint: 'Use the command line for this step, or update the app.',
        }),
      )
  }
  return out
}
