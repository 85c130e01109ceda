import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContentsRegistryRef, ImagesRegistryRef } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useAppStore } from '../../stores/app-store'
import { addressOf, tagRows, useContentsStore } from '../../stores/contents-store'
import { useImagesStore, withLogin } from '../../stores/images-store'
import { TagRows } from '../contents/TagTable'
import { useFieldLabel } from '../contents/use-field-label'
import '../contents/contents.css'

/** The Registry contents screen's registry for this target (its CA is the one main issued: no path is sent). */
function contentsRef(target: ImagesRegistryRef): ContentsRegistryRef {
  const { host, port, credentials } = withLogin(target, useImagesStore.getState().login)
  return credentials ? { host, port, credentials } : { host, port }
}

/**
 * After a push: the repositories it wrote as the registry holds them, in the Registry contents table (compact), read
 * through the contents store (readCatalog for those repositories only). Every repository: the Registry contents screen.
 */
export function PushedListing({ target }: { target: ImagesRegistryRef }): React.JSX.Element {
  const { t } = useTranslation()
  const pushed = useImagesStore((s) => s.pushed)
  const readRepositories = useContentsStore((s) => s.readRepositories)
  useEffect(() => {
    if (pushed.length > 0) void readRepositories(contentsRef(target), pushed)
  }, [pushed, target, readRepositories])
  return (
    <section className="card" aria-labelledby="images-listing">
      <div className="card-title-row">
        <h2 id="images-listing">{t('images.listing.title')}</h2>
        <OpenContents />
      </div>
      {pushed.length === 0 ? (
        <p className="muted">{t('images.listing.none')}</p>
      ) : (
        <PushedRows target={target} pushed={pushed} />
      )}
    </section>
  )
}

function OpenContents(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  return (
    <button type="button" className="btn btn-secondary" onClick={() => go('contents')}>
      {t('images.listing.open')}
    </button>
  )
}

/** The pushed repositories' tags (when the store holds this registry's), its reading and its error. */
function PushedRows({ target, pushed }: { target: ImagesRegistryRef; pushed: string[] }): React.JSX.Element {
  const { t } = useTranslation()
  const ref = useContentsStore((s) => s.ref)
  const repositories = useContentsStore((s) => s.repositories)
  const loading = useContentsStore((s) => s.loading)
  const error = useContentsStore((s) => s.error)
  const fieldLabel = useFieldLabel()
  const same = ref?.host === target.host && ref.port === target.port
  const rows = useMemo(
    () =>
      same
        ? tagRows(
            repositories?.filter((r) => pushed.includes(r.name)),
            '',
          )
        : [],
    [same, repositories, pushed],
  )
  return (
    <>
      <p className="muted">{t('images.listing.intro')}</p>
      {loading && (
        <p role="status" className="muted">
          {t('images.listing.loading')}
        </p>
      )}
      {!loading && !error && rows.length === 0 && <p className="muted">{t('images.listing.empty')}</p>}
      {rows.length > 0 && (
        <TagRows
          rows={rows}
          address={addressOf(target)}
          label={t('images.listing.label')}
          region={t('images.listing.scroll')}
          compact
        />
      )}
      <ErrorNotice error={same ? error : undefined} fieldLabel={fieldLabel} />
    </>
  )
}
