import { AppError } from '../../errors'
import type { Engine } from '../../docker/index'
import { message } from '../../messages/index'
import { checkAborted, findService, sleep, updateService, type ServiceInfo } from './objects'
import type { UpdateOrder } from './placement'
import { rollbackConfig, updateConfig } from './spec'
import { waitTasks } from './tasks'

const FAILED = new Set(['rollback_started', 'rollback_completed', 'rollback_paused', 'paused'])

const replicasOf = (s: ServiceInfo): number => s.Spec.Mode?.Replicated?.Replicas ?? 1

/**
 * Sends `spec` as a rolling update (one task at a time in `order`, rolled back by Swarm when a new task fails)
 * and waits for its end: completed, and every replica serving. An update Swarm rolled back or paused fails with
 * SWARM_UPDATE_FAILED (the service then runs what it ran before).
 */
export async function rollingUpdate(
  engine: Engine,
  before: ServiceInfo,
  spec: Record<string, unknown>,
  opts: { order: UpdateOrder; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<ServiceInfo> {
  const startedBefore = before.UpdateStatus?.StartedAt
  await updateService(engine, before, {
    ...spec,
    UpdateConfig: updateConfig(opts.order),
    RollbackConfig: rollbackConfig(opts.order),
  })
  const until = Date.now() + opts.timeoutMs
  for (;;) {
    checkAborted(opts.signal)
    const now = await findService(engine, before.ID)
    const st = now?.UpdateStatus
    if (now !== undefined && st !== undefined && st.StartedAt !== startedBefore) {
      if (st.State === 'completed') {
        await waitTasks(engine, now, replicasOf(now), { timeoutMs: Math.max(1000, until - Date.now()) })
        return now
      }
      if (FAILED.has(st.State ?? ''))
        throw new AppError({
          code: 'SWARM_UPDATE_FAILED',
          params: { name: before.Spec.Name, state: st.State ?? '', detail: st.Message ?? '' },
        })
    }
    if (Date.now() >= until)
      throw new AppError({
        code: 'SWARM_UPDATE_TIMEOUT',
        params: {
          name: before.Spec.Name,
          seconds: Math.round(opts.timeoutMs / 1000),
          state: st?.State ?? message('swarm.state.unknown'),
        },
      })
    await sleep(500)
  }
}

/** The spec with ForceUpdate raised: Swarm replaces every task (a rolling restart) without other change. */
export function forced(s: ServiceInfo): Record<string, unknown> {
  const template = s.Spec.TaskTemplate as Record<string, unknown> & { ForceUpdate?: number }
  return { ...s.Spec, TaskTemplate: { ...template, ForceUpdate: (template.ForceUpdate ?? 0) + 1 } }
}
