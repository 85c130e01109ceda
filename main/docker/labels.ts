/** Labels marking what Registry Wizard created, so status/remove never touch containers or volumes it did not make. */
export const LABEL_MANAGED = 'io.registry-wizard.managed'
export const LABEL_CERT_STORE = 'io.registry-wizard.cert-store'
export const LABEL_CERT_SOURCE = 'io.registry-wizard.cert-source'
export const LABEL_PORT = 'io.registry-wizard.port'
export const LABEL_STORAGE = 'io.registry-wizard.storage'
export const LABEL_AUTH = 'io.registry-wizard.auth'
/** The volume holding a generated configuration the registry runs (a pull-through mirror's), '' or absent: none. */
export const LABEL_CONFIG = 'io.registry-wizard.config'

/** Paths inside the registry container. */
export const CONTAINER_PORT = 5000
export const CERTS_DIR = '/certs'
export const AUTH_DIR = '/auth'
export const DATA_DIR = '/var/lib/registry'
/** Where a generated configuration is mounted (read-only), and its file there. */
export const CONFIG_DIR = '/etc/registry-wizard'
export const CONFIG_FILE = 'config.yml'

export const DEFAULT_IMAGE = 'registry:2'
export const DEFAULT_NAME = 'registry'
export const DEFAULT_PORT = 5000
