/** Portico's mark, inline so no request leaves the page. Decorative: the name is beside it. */
export function Logo() {
  return (
    <svg className="brand__logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M8 26V12l8-6 8 6v14h-5v-8h-6v8z" fill="#fff" />
    </svg>
  );
}
