import type { ReactNode } from 'react';

export type HeadingLevel = 2 | 3 | 4;

/** The level for headings inside a section at `level`. */
export const below = (level: HeadingLevel): HeadingLevel => (level === 2 ? 3 : 4);

/** A section heading at the level the panel was given (h2 on its own page, lower when embedded). */
export function SectionHeading({ level, id, children }: { level: HeadingLevel; id: string; children: ReactNode }) {
  const Tag = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  return (
    <Tag id={id} className="dc-section__title">
      {children}
    </Tag>
  );
}
