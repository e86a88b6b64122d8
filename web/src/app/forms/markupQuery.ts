/**
 * Reads server-rendered markup for the form-block tests (the unit project has no DOM): the
 * attributes of the element with an id, the text a screen reader takes from it, and which label
 * names a control. Enough for our own field markup; not a general HTML parser.
 */
export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Where the tag ends in the markup, so its content can be read. */
  end: number;
}

export function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-z]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/gi)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) {
      attrs[(a[1] ?? '').toLowerCase()] = decode(a[2] ?? '');
    }
    return { name: (m[1] ?? '').toLowerCase(), attrs, end: (m.index ?? 0) + m[0].length };
  });
}

export function byId(html: string, id: string): Tag {
  const found = tags(html).find((tag) => tag.attrs['id'] === id);
  if (!found) throw new Error(`no element with id ${id}`);
  return found;
}

/** The text inside an element, without what aria-hidden hides (as an accessible name is read). */
export function textOf(html: string, tag: Tag): string {
  const inner = html.slice(tag.end, html.indexOf(`</${tag.name}>`, tag.end));
  const shown = inner.replace(/<([a-z]+)[^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/\1>/gi, '');
  return decode(shown.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The label whose for= names the control. */
export function labelOf(html: string, id: string): Tag {
  const found = tags(html).find((tag) => tag.name === 'label' && tag.attrs['for'] === id);
  if (!found) throw new Error(`no label for ${id}`);
  return found;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
