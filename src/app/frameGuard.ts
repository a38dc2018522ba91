/**
 * A `<meta>` CSP cannot forbid framing (`frame-ancestors` works only as an HTTP header), so on a host that does
 * not send that header another site could frame Hush and lay its own page over it to steer clicks
 * (clickjacking). Inside a frame Hush therefore refuses to start and says where to open it instead.
 */
export function isFramed(win: Window): boolean {
  try {
    return win.top !== win.self
  } catch {
    // Reading `top` can throw in some sandboxes: that is a frame too.
    return true
  }
}

/** Replaces the painted shell with a notice and a link that opens Hush in its own tab. */
export function showFramedNotice(doc: Document, appUrl: string): void {
  const main = doc.createElement('main')
  main.className = 'framed-notice'
  main.setAttribute('role', 'alert')
  main.setAttribute('data-testid', 'framed-notice')
  const heading = doc.createElement('h1')
  heading.textContent = 'Hush does not run inside another page'
  const text = doc.createElement('p')
  text.textContent =
    'This page was loaded in a frame, where another site could lay its own content over Hush and trick your clicks. Hush did not start and no wallet was contacted.'
  const link = doc.createElement('a')
  link.href = appUrl
  link.target = '_blank'
  link.rel = 'noopener noreferrer'
  link.textContent = 'Open Hush in its own tab'
  main.append(heading, text, link)
  doc.getElementById('root')?.replaceChildren(main)
}
