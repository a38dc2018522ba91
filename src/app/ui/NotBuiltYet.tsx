export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <section data-testid="not-built">
      <h1>{title}</h1>
      <p className="notice">
        Not built yet: {what} This page shows no data until it is, rather than showing made-up figures.
      </p>
    </section>
  )
}
