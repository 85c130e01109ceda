// A two-node Swarm for tests: the test dockerd as manager, advertising the host side of a test veth, and a second
// dockerd in its own network namespace (tests/support/rw-verify-netns.sh) joined as a worker, with registry:2 loaded
// into it (no pulls here). `down()` undoes everything whatever state it was left in: the worker leaves, the manager
// leaves (`--force`), docker_gwbridge goes if the swarm made it, the worker dockerd stops and its netns, veth and
// data root are deleted.
import { run } from './rw-reg-fixtures'
import { startNetnsClient, type NetnsClient } from './rw-verify-netns'

export interface TwoNodeSwarm {
  /** The manager's address (host side of the veth) and the worker's (inside its netns). */
  managerIp: string
  workerIp: string
  managerNodeId: string
  workerNodeId: string
  worker: NetnsClient
  down: () => Promise<void>
}

const POLL_MS = 20_000

async function swarmState(host?: string): Promise<string> {
  const h = host === undefined ? [] : ['-H', host]
  return (await run('docker', [...h, 'info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim()
}

/**
 * Waits until the test dockerd is in no swarm (another suite's swarm: poll every 20 s), up to `waitMs`; rejects with
 * the state when it stays busy.
 */
export async function waitSwarmFree(waitMs: number): Promise<void> {
  const until = Date.now() + waitMs
  for (;;) {
    const state = await swarmState()
    if (state === 'inactive') return
    if (Date.now() + POLL_MS > until) {
      throw new Error(`the test dockerd stayed in a swarm (LocalNodeState=${state}) for ${waitMs} ms`)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

async function nodeId(host?: string): Promise<string> {
  const h = host === undefined ? [] : ['-H', host]
  return (await run('docker', [...h, 'info', '--format', '{{.Swarm.NodeID}}'])).stdout.trim()
}

/** Builds the two-node swarm; on any failure it undoes what it made and rethrows. */
export async function startTwoNodeSwarm(image: string): Promise<TwoNodeSwarm> {
  const gwbridgeExisted = await run('docker', ['network', 'inspect', 'docker_gwbridge']).then(
    () => true,
    () => false,
  )
  const worker = await startNetnsClient()
  const w = `unix://${worker.socket}`
  let managerJoined = false
  const down = async (): Promise<void> => {
    await run('docker', ['-H', w, 'swarm', 'leave', '--force'], { timeout: 60_000 }).catch(() => undefined)
    if (managerJoined) {
      await run('docker', ['swarm', 'leave', '--force'], { timeout: 60_000 }).catch(() => undefined)
      if (!gwbridgeExisted) await run('docker', ['network', 'rm', 'docker_gwbridge']).catch(() => undefined)
    }
    await worker.down()
  }
  try {
    // Only when free: init makes the swarm ours (a swarm already active belongs to someone else).
    if ((await swarmState()) !== 'inactive') throw new Error('the test dockerd joined a swarm meanwhile')
    await run('docker', ['swarm', 'init', '--advertise-addr', worker.hostIp], { timeout: 60_000 })
    managerJoined = true
    const token = (await run('docker', ['swarm', 'join-token', '-q', 'worker'])).stdout.trim()
    await run('docker', ['-H', w, 'swarm', 'join', '--token', token, `${worker.hostIp}:2377`], {
      timeout: 60_000,
    })
    await run('bash', ['-c', 'docker save "$1" | docker -H "$2" load', 'load', image, w], {
      timeout: 120_000,
    })
    return {
      managerIp: worker.hostIp,
      workerIp: worker.nsIp,
      managerNodeId: await nodeId(),
      workerNodeId: await nodeId(w),
      worker,
      down,
    }
  } catch (err) {
    await down()
    throw err
  }
}
