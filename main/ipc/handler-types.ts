import type { Channel, EventName, Events, RequestOf, ResponseOf } from './contract'
import type { JobHandle } from './jobs'

/** What every handler receives besides its validated request. */
export interface HandlerContext {
  /** Present for channels whose request carries a jobId. */
  job: JobHandle | undefined
  /** Sends an event to the window that asked. */
  emit: <E extends EventName>(event: E, payload: Events[E]) => void
}

export type Handler<C extends Channel> = (
  request: RequestOf<C>,
  ctx: HandlerContext,
) => Promise<ResponseOf<C>>

/** A group of handlers for some channels; register-handlers merges the groups and checks every channel is served. */
export type HandlerGroup = { [C in Channel]?: Handler<C> }
