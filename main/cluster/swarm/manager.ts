import { AppError } from '../../errors'
import { engineCallFailed, type Engine } from '../../docker/index'
import { message } from '../../messages/index'

export interface SwarmManagerInfo {
  nodeId: string
  /** The manager's architecture as `docker info` names it (x86_64, aarch64). */
  arch: string
}

/** The engine as a Swarm manager; refused (nothing changed) when it is not in a swarm, or only a worker. */
export async function assertSwarmManager(engine: Engine): Promise<SwarmManagerInfo> {
  let info: {
    Architecture?: string
    Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string }
  }
  try {
    info = (await engine.docker.info()) as typeof info
  } catch (err) {
    throw engineCallFailed(message('swarm.action.info'), err)
  }
  const state = info.Swarm?.LocalNodeState ?? 'inactive'
  if (state !== 'active' || info.Swarm?.ControlAvailable !== true)
    throw new AppError({
      code: 'SWARM_NOT_MANAGER',
      kind: 'input',
      field: 'swarm',
      params: {
        engine: engine.resolved.display,
        state: message(state === 'active' ? 'swarm.state.worker' : 'swarm.state.notInSwarm', { state }),
      },
    })
  return { nodeId: info.Swarm.NodeID ?? '', arch: info.Architecture ?? '' }
}

/** True when the engine is a Swarm manager (the GUI offers the service choice then); never throws. */
export async function isSwarmManager(engine: Engine): Promise<boolean> {
  return assertSwarmManager(engine).then(
    () => true,
    () => false,
  )
}
