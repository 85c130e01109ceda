/** Dates as the user's locale shows them (date only: certificates live for months). */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric' })
}

// Expiry levels and days left: main/lifecycle/expiry (one rule for Home, the CLI's check and the CA warning),
// shown by components/ExpiryBadge.
