/** Escapes text for HTML element content and attribute values. */
const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;

/** One line of text as HTML, with its web addresses as links (a trailing full stop stays text). */
function line(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    while (/[.,;:)]$/.test(url)) url = url.slice(0, -1);
    const at = match.index;
    out += escape(text.slice(last, at)) + `<a href="${escape(url)}">${escape(url)}</a>`;
    last = at + url.length;
  }
  return out + escape(text.slice(last));
}

/**
 * The HTML part of an email from its plain text: paragraphs at blank lines, links clickable, the
 * language and direction on the root so a mail reader shapes and aligns Arabic right to left. No
 * images, styles from elsewhere or tracking: the plain text says the same.
 */
export function htmlFromText(text: string, lang: string, dir: 'ltr' | 'rtl'): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(line).join('<br>')}</p>`);
  return (
    `<!doctype html><html lang="${escape(lang)}" dir="${dir}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('')}</body></html>`
  );
}
