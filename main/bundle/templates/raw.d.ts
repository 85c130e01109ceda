// Vite's `?raw` suffix imports a file's text as a string (the bundle's script templates).
declare module '*?raw' {
  const content: string
  export default content
}
