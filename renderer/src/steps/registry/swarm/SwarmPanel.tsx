import { useState } from 'react'
import type { ErrorInfo, Plan } from '../../../../../main/ipc/contract'
import type { RegistryOptions } from '../OptionsCard'
import { DEFAULT_SWARM_OPTIONS, SwarmOptionsCard, type SwarmOptions } from './SwarmOptionsCard'
import { SwarmServiceCard } from './SwarmServiceCard'
import { SwarmStartCard } from './SwarmStartCard'

/** The Registry step as a Docker Swarm service: its options, the start job, the running service. */
export function SwarmPanel(props: {
  plan: Plan
  certDir: string
  shared: RegistryOptions
  error: ErrorInfo | undefined
  onError: (e: ErrorInfo | undefined) => void
}): React.JSX.Element {
  const [options, setOptions] = useState<SwarmOptions>(DEFAULT_SWARM_OPTIONS)
  const [startedAt, setStartedAt] = useState(0)
  return (
    <>
      <SwarmOptionsCard options={options} onChange={setOptions} error={props.error} />
      <SwarmStartCard
        plan={props.plan}
        certDir={props.certDir}
        shared={props.shared}
        options={options}
        error={props.error}
        onError={props.onError}
        onStarted={() => setStartedAt(Date.now())}
      />
      <SwarmServiceCard plan={props.plan} certDir={props.certDir} resetKey={startedAt} />
    </>
  )
}
