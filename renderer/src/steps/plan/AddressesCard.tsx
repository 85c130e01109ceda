import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/Field'
import type { RoutedError } from '../../lib/field-errors'
import { usePlanStore } from '../../stores/plan-store'

/** The addresses clients will type (each goes into the certificate) and the port. */
export function AddressesCard({ errors }: { errors: RoutedError }): React.JSX.Element {
  const { t } = useTranslation()
  const port = usePlanStore((s) => s.port)
  const setPort = usePlanStore((s) => s.setPort)
  return (
    <section className="card" aria-labelledby="plan-addresses-title">
      <h2 id="plan-addresses-title">{t('plan.addressesTitle')}</h2>
      <p className="muted">{t('plan.addressesHelp')}</p>
      <AddressChips />
      <AddAddress errors={errors} />
      <OfferedAddresses />
      <TextField
        id="plan-port"
        label={t('plan.port')}
        value={port}
        onChange={setPort}
        error={errors.at('port')}
        hint={t('plan.portHint')}
      />
    </section>
  )
}

function AddressChips(): React.JSX.Element {
  const { t } = useTranslation()
  const addresses = usePlanStore((s) => s.addresses)
  const removeAddress = usePlanStore((s) => s.removeAddress)
  return (
    <ul className="chips chips-large" aria-label={t('plan.addressesList')}>
      {addresses.map((a) => (
        <li key={a} className="chip">
          <span className="mono">{a}</span>
          <button
            type="button"
            className="chip-remove"
            onClick={() => removeAddress(a)}
            aria-label={t('plan.remove', { address: a })}
          >
            ×
          </button>
        </li>
      ))}
      {addresses.length === 0 && <li className="muted">{t('plan.noAddresses')}</li>}
    </ul>
  )
}

function AddAddress({ errors }: { errors: RoutedError }): React.JSX.Element {
  const { t } = useTranslation()
  const draft = usePlanStore((s) => s.draft)
  const setDraft = usePlanStore((s) => s.setDraft)
  const addAddress = usePlanStore((s) => s.addAddress)
  return (
    <div className="inline-form">
      <TextField
        id="plan-address"
        label={t('plan.addAddress')}
        value={draft}
        onChange={setDraft}
        placeholder="192.168.20.10 / registry.example.lan"
        error={errors.at('addresses')}
        onEnter={() => addAddress()}
      />
      <button type="button" className="btn btn-secondary" onClick={() => addAddress()}>
        {t('plan.add')}
      </button>
    </div>
  )
}

/** This machine's own names and addresses not planned yet, one click each. */
function OfferedAddresses(): React.JSX.Element | null {
  const { t } = useTranslation()
  const machine = usePlanStore((s) => s.machine)
  const addresses = usePlanStore((s) => s.addresses)
  const addAddress = usePlanStore((s) => s.addAddress)
  const offered = [machine?.hostname, ...(machine?.addresses.map((a) => a.address) ?? [])].filter(
    (a): a is string => !!a && !addresses.includes(a),
  )
  if (offered.length === 0) return null
  return (
    <div className="offered">
      <span className="muted">{t('plan.thisMachine')}</span>
      {offered.map((a) => (
        <button type="button" key={a} className="btn btn-chip" onClick={() => addAddress(a)}>
          + {a}
        </button>
      ))}
    </div>
  )
}
