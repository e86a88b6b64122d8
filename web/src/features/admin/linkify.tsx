import type { ReactNode } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** Plain text with its http(s) links turned into anchors (nothing else is interpreted). */
export function linkify(text: string): ReactNode[] {
  return text.split(URL_PATTERN).map((part, index) => {
    if (index % 2 === 0) return part;
    // Trailing punctuation usually ends the sentence, not the link.
    const match = /^(.*?)([.,;:!?)]*)$/.exec(part);
    const href = match?.[1] ?? part;
    const tail = match?.[2] ?? '';
    return (
      <span key={index}>
        <a href={href}>{href}</a>
        {tail}
      </span>
    );
  });
}
