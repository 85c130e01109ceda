/**
 * The English words left in a CLI output once its data is taken out: paths, commands in backticks, file and host
 * names, the CA's subject, and the names of products and systems (Docker, containerd, Debian...).
 */
export function englishWords(text: string, data: readonly string[] = []): string[] {
  const products = new Set(
    'CA SHA Docker Podman CRI containerd dockerd Go Debian Ubuntu Alpine JSON PEM OS'.split(' '),
  )
  let rest = text.replace(/`[^`]*`/g, ' ')
  // Long data (paths, subjects) anywhere; short data (ids such as `os`) only as whole words.
  for (const d of data.filter((x) => x.length > 3)) rest = rest.split(d).join(' ')
  return rest
    .split(/[\s，。：；（）()、,;"“”]+/)
    .filter((t) => !data.includes(t) && !/[/._:=@]/.test(t) && !/^-/.test(t))
    .flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? [])
    .filter((w) => !products.has(w) && !/^E[A-Z]+$/.test(w)) // errno names (ENOTDIR) are data
}
